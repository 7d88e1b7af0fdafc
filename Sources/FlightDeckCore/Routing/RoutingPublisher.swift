import Foundation

/// Publishes routing decisions to the configured targets (<doc:Routing>).
///
/// ``step()`` claims the artefacts whose routing changed
/// (``RoutingOutboxStore/claimDueRouting(at:claimForMs:limit:)``), reads the
/// store's current state, renders every target carrying a claimed artefact
/// from the states of all the artefacts it carries, writes each file
/// atomically (``RoutingFileWriter``: unchanged bytes are left alone) and
/// records per artefact either the publish (with a `routing.publish` audit
/// entry naming each file's sha256) or the failure (retried after
/// ``RoutingRetryPolicy/backoffMs(afterAttempt:)``). Rendering from the
/// store's state rather than from the change makes a publish idempotent and
/// lets a late publish carry every change since.
///
/// ``check()`` reads every target back and records it in sync, drifted (its
/// weights differ from the store's) or failing.
///
/// Synchronous (file system calls only); callers run it off the cooperative
/// pool or on a timer (``RoutingControllerWork``).
public final class RoutingPublisher: Sendable {
  /// What one ``step()`` did.
  public struct StepReport: Sendable, Hashable {
    /// Artefacts claimed.
    public var claimed = 0
    /// Artefacts whose publish was recorded.
    public var published = 0
    /// Artefacts whose publish failed (retried later).
    public var failed = 0
    /// Files rewritten (their bytes changed).
    public var rewritten = 0
    /// Store errors met, one line each.
    public var storeErrors: [String] = []

    /// An empty report.
    public init() {}
  }

  /// The outbox and the registry state.
  public let store: any RoutingOutboxStore & ArtefactStore
  /// The targets and the retry policy.
  public let configuration: RoutingConfiguration
  /// How files are written.
  public let writer: RoutingFileWriter
  /// How `exec` targets' commands run.
  public let hooks: RoutingHookRunner
  private let clock: any FlightDeckClock

  /// A publisher over `store` with `configuration`, timed by `clock`.
  public init(
    store: any RoutingOutboxStore & ArtefactStore, configuration: RoutingConfiguration,
    clock: any FlightDeckClock,
    writer: RoutingFileWriter = RoutingFileWriter(), hooks: RoutingHookRunner = RoutingHookRunner()
  ) {
    self.hooks = hooks
    self.store = store
    self.configuration = configuration
    self.clock = clock
    self.writer = writer
  }

  /// The routing state of every registered artefact.
  /// - Throws: ``RegistryError`` on a storage failure.
  public func currentStates() throws -> [RoutingState] {
    try store.snapshot().artefacts.map(RoutingState.init)
  }

  /// Claims due artefacts and publishes them (see the type's description).
  public func step() -> StepReport {
    var report = StepReport()
    let now = clock.now()
    let claimed: [RoutingOutboxEntry]
    let states: [RoutingState]
    do {
      claimed = try store.claimDueRouting(
        at: now, claimForMs: configuration.retry.claimForMs, limit: 100)
      guard !claimed.isEmpty else { return report }
      states = try currentStates()
    } catch {
      report.storeErrors.append("\(error)")
      return report
    }
    report.claimed = claimed.count
    var results: [String: RoutingPublication] = [:]
    let publishing = Set(claimed.map(\.artefact))
    for target in configuration.targets where claimed.contains(where: { target.carries($0.artefact) }) {
      // A file holds every artefact it carries: read what a hand edit put
      // there for the others before the write replaces it.
      let edits = target.isFile ? Self.handEdits(target, states: states, publishing: publishing) : nil
      var publication = publish(target, states: states)
      if publication.changed {
        report.rewritten += 1
        publication.overwrote = edits.map(SQLStoreOutbox.clip)
      }
      results[target.name] = publication
    }
    for entry in claimed {
      let publications = configuration.targets(carrying: entry.artefact).compactMap { results[$0.name] }
      let failures = publications.filter { $0.digest == nil }
      do {
        if failures.isEmpty {
          try store.recordRoutingPublished(
            artefact: entry.artefact, generation: entry.generation, publications: publications, at: now)
          report.published += 1
        } else {
          let text = failures.map { "\($0.target): \($0.error ?? "failed")" }.joined(separator: "; ")
          try store.recordRoutingFailed(
            artefact: entry.artefact, error: text,
            retryAt: now.adding(milliseconds: configuration.retry.backoffMs(afterAttempt: entry.attempts)),
            publications: publications, at: now)
          report.failed += 1
        }
      } catch {
        report.storeErrors.append("\(error)")
      }
    }
    return report
  }

  /// Renders and writes `target` from `states`; for an `exec` target, runs
  /// its command with the rendered state on standard input (a success is
  /// exit status 0 within the deadline).
  public func publish(_ target: RoutingTarget, states: [RoutingState]) -> RoutingPublication {
    do {
      let data = try RoutingRenderer.render(states, for: target)
      if target.kind == .exec {
        let o = try hooks.run(target.command, input: data, timeoutMs: target.timeoutMs)
        let output = SQLStoreOutbox.clip(TerminalText.sanitizeLines(o.output))
        let ok = o.exitCode == 0
        let why =
          o.timedOut
          ? "timed out after \(DurationText.format(target.timeoutMs)) and was killed"
          : o.exitCode.map { "exited with status \($0)" } ?? "was killed by a signal"
        return RoutingPublication(
          target: target.name, path: target.path, digest: ok ? RoutingFileWriter.digest(data) : nil,
          changed: ok, error: ok ? nil : "the command \(why)" + (output.isEmpty ? "" : ": \(output)"),
          exitCode: o.exitCode, output: output)
      }
      let changed = try writer.write(data, to: target.path)
      return RoutingPublication(
        target: target.name, path: target.path, digest: RoutingFileWriter.digest(data), changed: changed,
        error: nil)
    } catch {
      return RoutingPublication(
        target: target.name, path: target.path, digest: nil, changed: false, error: "\(error)")
    }
  }

  /// Reads every target back and records how it stands (see
  /// ``RoutingOutboxStore/recordRoutingCheck(target:path:condition:detail:at:)``);
  /// a target carrying an artefact with an unpublished change is skipped
  /// (it is out of date, and the next publish rewrites it).
  /// - Returns: each checked target's name and condition.
  /// - Throws: ``RegistryError`` on a storage failure.
  @discardableResult
  public func check() throws -> [(target: String, condition: RoutingTargetCondition, detail: String?)] {
    let now = clock.now()
    let states = try currentStates()
    let owed = Set(try store.routingOutbox().filter(\.isOutOfDate).map(\.artefact))
    var out: [(target: String, condition: RoutingTargetCondition, detail: String?)] = []
    for target in configuration.targets where target.isFile {
      if states.contains(where: { target.carries($0.artefact) && owed.contains($0.artefact) }) { continue }
      let (condition, detail) = Self.compare(target, states: states)
      try store.recordRoutingCheck(
        target: target.name, path: target.path, condition: condition, detail: detail, at: now)
      out.append((target.name, condition, detail))
    }
    return out
  }

  /// What the file of `target` says that FlightDeck does not, for the
  /// artefacts it carries other than `publishing` (their change is what a
  /// publish is about to write): each difference as `support-bot v12: the
  /// file said 50 %, FlightDeck says nothing`, joined by `; `, sanitised.
  /// - Returns: `nil` when the file agrees for those artefacts, is missing,
  ///   or cannot be read; a file that no longer parses as routing says so.
  public static func handEdits(_ target: RoutingTarget, states: [RoutingState], publishing: Set<String>)
    -> String?
  {
    guard let data = try? RoutingFileWriter.read(target.path) else { return nil }
    let found: [String: [String: Int]]
    do { found = try RoutingRenderer.weights(in: data, for: target) } catch {
      return TerminalText.sanitize("the file did not parse as routing (\(error))")
    }
    let expected = RoutingRenderer.expectedWeights(states, for: target)
    let differences = Self.differences(found: found, expected: expected, said: "said")
      .filter { !publishing.contains($0.artefact) }.map(\.text)
    return differences.isEmpty ? nil : TerminalText.sanitize(differences.joined(separator: "; "))
  }

  /// Each version whose weight differs between `found` (the file) and
  /// `expected` (the store), by artefact then version, as `ARTEFACT
  /// VERSION: the file <said> N %, FlightDeck says M %` (`nothing` for no weight).
  static func differences(found: [String: [String: Int]], expected: [String: [String: Int]], said: String)
    -> [(artefact: String, text: String)]
  {
    var out: [(artefact: String, text: String)] = []
    for artefact in Set(found.keys).union(expected.keys).sorted() {
      let f = found[artefact] ?? [:]
      let e = expected[artefact] ?? [:]
      guard f != e else { continue }
      for version in Set(f.keys).union(e.keys).sorted() where f[version] != e[version] {
        out.append(
          (
            artefact,
            "\(artefact) \(version): the file \(said) \(f[version].map { "\($0) %" } ?? "nothing"), FlightDeck says \(e[version].map { "\($0) %" } ?? "nothing")"
          ))
      }
    }
    return out
  }

  /// How the file of `target` stands against `states`: in sync when it
  /// routes by the same weights, drifted (with what differs) when not or
  /// when it is gone, failing when it cannot be read.
  public static func compare(_ target: RoutingTarget, states: [RoutingState]) -> (
    RoutingTargetCondition, String?
  ) {
    let data: Data?
    do { data = try RoutingFileWriter.read(target.path) } catch { return (.failing, "\(error)") }
    guard let data else { return (.drifted, "\(target.path) is gone") }
    let found: [String: [String: Int]]
    do { found = try RoutingRenderer.weights(in: data, for: target) } catch {
      return (.drifted, "\(error)")
    }
    let expected = RoutingRenderer.expectedWeights(states, for: target)
    guard found != expected else { return (.inSync, nil) }
    let differences = Self.differences(found: found, expected: expected, said: "says").map(\.text)
    return (.drifted, TerminalText.sanitize(differences.joined(separator: "; ")))
  }
}
