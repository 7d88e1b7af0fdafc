import Synchronization

/// The routing publisher as controller work (`flightdeck serve`): while the
/// process holds the lease, a ``RoutingPublisher/step()`` runs every
/// ``pollIntervalMs`` and a read-back (``RoutingPublisher/check()``) every
/// ``RoutingConfiguration/checkIntervalMs``, so only the lease holder writes
/// the targets.
///
/// ``runIfDue()`` never waits on the file system: it starts a round as a task
/// when one is due and none is running, and reports the rounds that finished
/// since the last call.
public final class RoutingControllerWork: ControllerWork, Sendable {
  /// `routing`.
  public let workName = "routing"
  /// The publisher whose rounds run.
  public let publisher: RoutingPublisher
  /// The time between two publish steps, ms.
  public let pollIntervalMs: Int64
  private let clock: any FlightDeckClock
  private let state = Mutex(State())

  private struct State: Sendable {
    var running = false
    var nextAt: Timestamp?
    var nextCheckAt: Timestamp?
    var finished: [String] = []
    /// Per target, the read-back last logged (`nil`/absent: in sync).
    var reported: [String: String] = [:]
  }

  /// Work over `publisher`, paced on `clock`.
  /// - Parameter pollIntervalMs: at least 10 (smaller values count as 10).
  public init(publisher: RoutingPublisher, clock: any FlightDeckClock, pollIntervalMs: Int64 = 500) {
    self.publisher = publisher
    self.clock = clock
    self.pollIntervalMs = max(10, pollIntervalMs)
  }

  /// Starts a round when due and none runs; returns one line per finished
  /// round that did something, and one per store error. A target's
  /// read-back is reported when it changes only (drifted, failing or out of
  /// date, with its detail; `in sync` again), not at every check: a drift
  /// left for an hour is one log line, not one every 2 s.
  public func runIfDue() -> [String] {
    let now = clock.now()
    let (start, check, finished) = state.withLock { s -> (Bool, Bool, [String]) in
      let done = s.finished
      s.finished = []
      guard !s.running, s.nextAt.map({ now >= $0 }) ?? true else { return (false, false, done) }
      s.running = true
      let check = s.nextCheckAt.map { now >= $0 } ?? true
      if check { s.nextCheckAt = now.adding(milliseconds: publisher.configuration.checkIntervalMs) }
      return (true, check, done)
    }
    if start {
      Task { [self] in
        let lines = round(check: check)
        state.withLock { s in
          s.running = false
          s.nextAt = clock.now().adding(milliseconds: pollIntervalMs)
          s.finished += lines
        }
      }
    }
    return finished
  }

  /// The log lines for a read-back `checked` given what was `reported`
  /// before (updated): a line per target whose condition or detail
  /// changed — `gateway drifted: …`, or `gateway in sync` when it came back.
  static func changes(
    _ checked: [(target: String, condition: RoutingTargetCondition, detail: String?)],
    reported: inout [String: String]
  ) -> [String] {
    var out: [String] = []
    for c in checked {
      if c.condition == .inSync {
        if reported.removeValue(forKey: c.target) != nil { out.append("\(c.target) \(c.condition.rawValue)") }
        continue
      }
      let line = "\(c.target) \(c.condition.rawValue)" + (c.detail.map { ": \($0)" } ?? "")
      if reported[c.target] != line { out.append(line) }
      reported[c.target] = line
    }
    return out
  }

  /// One publish step, then a read-back when `check`: the log lines.
  func round(check: Bool) -> [String] {
    let r = publisher.step()
    var out: [String] = []
    if r.claimed > 0 {
      out.append("claimed \(r.claimed), published \(r.published), failed \(r.failed), rewrote \(r.rewritten)")
    }
    out += r.storeErrors.map { "store: \($0)" }
    if check {
      do {
        let checked = try publisher.check()
        out += state.withLock { s in Self.changes(checked, reported: &s.reported) }
      } catch {
        out.append("store: \(error)")
      }
    }
    return out
  }
}
