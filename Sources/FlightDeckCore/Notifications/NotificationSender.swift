import Crypto
import Foundation

/// Delivers the notification outbox: claims due events, routes them
/// (``NotificationRoute``), groups alerts (``NotificationDispatcher``),
/// builds each receiver's payload (``NotificationPayloads``), sends it
/// through a ``NotificationTransport``, and records the outcome with the
/// retry policy (``NotificationRetryPolicy``) — all on the injected clock.
///
/// ``step()`` is one pass (what tests drive); ``run(pollIntervalMs:sleep:)``
/// repeats it until its task is cancelled (`flightdeck notifications
/// deliver`, and `flightdeck serve`).
///
/// - Other events go to every receiver whose route matches their labels,
///   one message each, keyed by the event's key.
/// - Alert events enter the dispatcher and leave in its batches (group_wait,
///   group_interval, repeat_interval); a batch's key is
///   ``batchKey(_:eventKeys:)``, the same for the same events, so a batch
///   sent again after a restart carries the same `Idempotency-Key`. An alert
///   event is delivered once every receiver it routes to took a batch with it.
/// - A failed message is retried by the policy; an event is recorded failed
///   (with its next attempt) or dead with the message's error.
/// - Crash safety: the outbox claim holds an event for ``claimForMs``; a
///   sender that dies leaves it claimed, and the next sender takes it when
///   the claim runs out — sending it again with the same key. The
///   dispatcher's memory (groups, what each receiver was told) is not
///   persisted: after a restart, an alert still undelivered is sent again;
///   one delivered is not re-announced until it changes.
public actor NotificationSender {
  /// The outbox.
  public let store: any NotificationOutboxStore
  /// Receivers, routes, retry policy.
  public let configuration: NotificationConfiguration
  let secrets: NotificationSecrets
  let transport: any NotificationTransport
  let clock: any FlightDeckClock
  let jitter: @Sendable () -> Double
  let route: NotificationRoute
  /// How long a claim holds the events of one step, ms: the longest the
  /// step's sends may take (every claimed event to every receiver, each
  /// bounded by the attempt timeout), plus 5 s.
  public let claimForMs: Int64
  /// The most events claimed per step.
  public let claimLimit: Int

  private var dispatcher: NotificationDispatcher
  /// Alert events held in the dispatcher, by event key: the entry as last
  /// claimed and the receivers still owed.
  private var heldAlerts: [String: (entry: NotificationOutboxEntry, owed: Set<String>)] = [:]
  /// The newest event key per alert fingerprint.
  private var eventOfAlert: [String: String] = [:]
  /// The held event keys per alert fingerprint (its firing and its
  /// resolution may both wait for one batch).
  private var heldByAlert: [String: Set<String>] = [:]
  /// Batches waiting for a retry.
  private var retrying: [String: (message: NotificationMessage, attempt: Int, dueAt: Timestamp)] = [:]

  /// What one step did.
  public struct StepReport: Sendable, Hashable {
    /// Events claimed.
    public var claimed = 0
    /// Messages sent successfully.
    public var sent = 0
    /// Messages that failed (to be retried or dead).
    public var failed = 0
    /// Events recorded delivered.
    public var delivered = 0
    /// Events recorded dead.
    public var dead = 0
    /// Store errors met (the step goes on; the claim makes the event come back).
    public var storeErrors: [String] = []
    /// How each message sent in the step ended, per receiver, in sending
    /// order (``sent`` are the `delivered` ones, ``failed`` the others).
    public var messages: [NotificationMessageOutcome] = []
    /// For each event recorded delivered in the step: the time from the
    /// event (``NotificationEvent/at``, the change's transaction) to its
    /// delivery (the step's clock time), ms; 0 when the clock reads earlier.
    public var deliveryLatenciesMs: [Int64] = []

    /// An empty report (nothing claimed, sent or recorded).
    public init() {}
  }

  /// A sender.
  /// - Parameters:
  ///   - configuration: must have a route (``NotificationConfiguration/route``).
  ///   - jitter: random fractions in [0, 1) for backoff (`Double.random(in: 0..<1)` by default).
  ///   - claimLimit: the most events claimed per step (10 by default; the claim's length grows with it).
  /// - Throws: ``ConfigurationError`` when the configuration has no route.
  public init(
    store: any NotificationOutboxStore, configuration: NotificationConfiguration,
    secrets: NotificationSecrets,
    transport: any NotificationTransport, clock: any FlightDeckClock,
    jitter: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) }, claimLimit: Int = 10
  ) throws {
    guard let route = configuration.route else {
      throw ConfigurationError(
        file: "", key: "notifications.route", reason: "no [notifications.route]: nothing would be delivered")
    }
    self.store = store
    self.configuration = configuration
    self.secrets = secrets
    self.transport = transport
    self.clock = clock
    self.jitter = jitter
    self.route = route
    self.claimLimit = max(1, claimLimit)
    let receivers = Int64(max(1, configuration.receivers.count))
    self.claimForMs = configuration.retry.attemptTimeoutMs * receivers * Int64(self.claimLimit) + 5_000
    self.dispatcher = NotificationDispatcher(
      root: route, withoutResolved: Set(configuration.receivers.filter { !$0.sendResolved }.map(\.name)))
  }

  /// The idempotency key of an alert batch: SHA-256 (hex) of the receiver,
  /// the group key, and each alert's fingerprint, status and newest event
  /// key (sorted); a repeat notification (no new event) adds its time.
  public static func batchKey(
    _ batch: NotificationBatch, eventKeys: [String: String], repeatAt: Timestamp? = nil
  )
    -> String
  {
    var parts = [batch.receiver, batch.groupKey.description]
    parts += (batch.firing.map { ($0, "firing") } + batch.resolved.map { ($0, "resolved") })
      .map { "\($0.0.fingerprint):\($0.1):\(eventKeys[$0.0.fingerprint] ?? "")" }.sorted()
    if let repeatAt { parts.append("repeat@\(repeatAt.millisecondsSinceEpoch)") }
    let digest = SHA256.hash(data: Data(parts.joined(separator: "\n").utf8))
    return digest.map { String(format: "%02x", $0) }.joined()
  }

  /// Repeats ``step()`` every `pollIntervalMs` (or sooner when a group is
  /// due) until the task is cancelled.
  /// - Parameters:
  ///   - onStep: gets each step's report (the command line prints its store errors).
  ///   - sleep: waits the given ms (`Task.sleep` by default; tests may shorten it).
  public func run(
    pollIntervalMs: Int64 = 1_000, onStep: @Sendable (StepReport) -> Void = { _ in },
    sleep: @Sendable (Int64) async throws -> Void = {
      try await Task.sleep(nanoseconds: UInt64(max(1, $0)) * 1_000_000)
    }
  ) async {
    while !Task.isCancelled {
      onStep(await step())
      var wait = pollIntervalMs
      let now = clock.now()
      if let next = nextDueAt() { wait = min(wait, max(10, next.milliseconds(since: now))) }
      do { try await sleep(wait) } catch { return }
    }
  }

  /// The earliest time something in memory is due (a group flush or a batch retry).
  public func nextDueAt() -> Timestamp? {
    ([dispatcher.nextFlushAt] + retrying.values.map { Optional($0.dueAt) }).compactMap { $0 }.min()
  }

  /// One pass: claim, route, flush groups, send what is due, record outcomes.
  public func step() async -> StepReport {
    var report = StepReport()
    let now = clock.now()
    let claimed: [NotificationOutboxEntry]
    do {
      claimed = try store.claimDueNotifications(at: now, claimForMs: claimForMs, limit: claimLimit)
    } catch {
      report.storeErrors.append("\(error)")
      return report
    }
    report.claimed = claimed.count
    for entry in claimed {
      let event = entry.event
      let owed = receivers(for: event).subtracting(entry.deliveredTo)
      if event.kind.isAlert, let alert = event.notifiedAlert {
        if var held = heldAlerts[event.key] {
          held.entry = entry
          heldAlerts[event.key] = held
          continue
        }
        // Into the dispatcher even when no receiver is owed (a resolution
        // not sent anywhere still takes the alert out of its groups).
        eventOfAlert[alert.fingerprint] = event.key
        dispatcher.receive(alert, at: now)
        if owed.isEmpty {
          record(entry, .delivered(to: entry.deliveredTo, at: now), into: &report)
          continue
        }
        heldAlerts[event.key] = (entry, owed)
        heldByAlert[alert.fingerprint, default: []].insert(event.key)
      } else {
        await deliverEvent(entry, owed: owed, now: now, report: &report)
      }
    }
    for batch in dispatcher.flush(at: now) {
      guard let receiver = configuration.receiver(named: batch.receiver) else { continue }
      let alerts = batch.firing + batch.resolved
      let fresh = alerts.contains { a in
        (heldByAlert[a.fingerprint] ?? []).contains { heldAlerts[$0]?.owed.contains(batch.receiver) == true }
      }
      let key = Self.batchKey(batch, eventKeys: eventOfAlert, repeatAt: fresh ? nil : now)
      let message = NotificationMessage(receiver: receiver, key: key, content: .alerts(batch))
      retrying[key] = nil
      await deliverBatch(message, attempt: 1, now: now, report: &report)
    }
    await sendLeftOverResolutions(now: now, report: &report)
    for (key, item) in retrying where item.dueAt <= now {
      retrying[key] = nil
      await deliverBatch(item.message, attempt: item.attempt, now: now, report: &report)
    }
    return report
  }

  /// A resolution the dispatcher dropped without a notification — the
  /// firing was told before a restart, so this sender's log does not know
  /// it, and Alertmanager's rule sends nothing for a group that only
  /// resolved — is still owed: PagerDuty's page must resolve. Each owed
  /// receiver gets a batch of that one resolved alert, keyed like any batch.
  private func sendLeftOverResolutions(now: Timestamp, report: inout StepReport) async {
    let grouped = Set(dispatcher.groups.values.flatMap { $0.alerts.keys })
    for (key, held) in heldAlerts.sorted(by: { $0.key < $1.key }) {
      guard held.entry.event.kind == .alertResolved, let alert = held.entry.event.notifiedAlert,
        !grouped.contains(alert.fingerprint)
      else { continue }
      for name in held.owed.sorted() {
        guard let receiver = configuration.receiver(named: name),
          let match = route.match(alert.labels).first(where: { $0.route.receiver == name }),
          heldAlerts[key]?.owed.contains(name) == true
        else { continue }
        let batch = NotificationBatch(
          receiver: name,
          groupKey: NotificationGroupKey(
            routePath: match.path, groupLabels: match.route.groupLabels(alert.labels)),
          at: now, firing: [], resolved: [alert])
        let batchKey = Self.batchKey(batch, eventKeys: [alert.fingerprint: key])
        guard retrying[batchKey] == nil else { continue }
        await deliverBatch(
          NotificationMessage(receiver: receiver, key: batchKey, content: .alerts(batch)), attempt: 1,
          now: now,
          report: &report)
      }
    }
  }

  /// The receivers `event`'s routes name, less those not sent resolved alerts when it is one.
  func receivers(for event: NotificationEvent) -> Set<String> {
    var names = Set(route.match(event.labels).map(\.route.receiver))
    if event.kind == .alertResolved {
      names = names.filter { configuration.receiver(named: $0)?.sendResolved ?? true }
    }
    return names.filter { configuration.receiver(named: $0) != nil }
  }

  /// Sends every request of `message`; `nil` when all succeeded, else the first failure.
  func send(_ message: NotificationMessage, now: Timestamp) async -> NotificationFailure? {
    let requests: [NotificationRequest]
    do {
      requests = try NotificationPayloads.requests(for: message, secrets: secrets, at: now)
    } catch let failure as NotificationFailure {
      return failure
    } catch {
      return NotificationFailure(status: 400, message: "\(error)")
    }
    for request in requests {
      let response = await transport.send(request, timeoutMs: configuration.retry.attemptTimeoutMs)
      if response.isSuccess { continue }
      let name = TerminalText.sanitize(message.receiver.name)
      guard let status = response.status else {
        return NotificationFailure(
          message: "\(name): " + TerminalText.sanitize(response.error ?? "no answer"))
      }
      let after = response.retryAfter.flatMap { RetryAfter.milliseconds($0, now: now) }
      return NotificationFailure(status: status, retryAfterMs: after, message: "\(name): HTTP \(status)")
    }
    return nil
  }

  private func deliverEvent(
    _ entry: NotificationOutboxEntry, owed: Set<String>, now: Timestamp, report: inout StepReport
  ) async {
    var done = Set(entry.deliveredTo)
    var failure: NotificationFailure?
    var failedReceivers: [String] = []
    for name in owed.sorted() {
      guard let receiver = configuration.receiver(named: name) else { continue }
      let message = NotificationMessage(
        receiver: receiver, key: entry.event.key, content: .event(entry.event))
      if let f = await send(message, now: now) {
        report.failed += 1
        failure = failure ?? f
        failedReceivers.append(name)
      } else {
        report.sent += 1
        report.messages.append(NotificationMessageOutcome(receiver: name, result: .delivered))
        done.insert(name)
      }
    }
    guard let failure else {
      record(entry, .delivered(to: done.sorted(), at: now), into: &report)
      return
    }
    switch configuration.retry.decide(
      afterAttempt: entry.attempts, failure: failure, now: now, jitter: jitter())
    {
    case .retry(let at):
      report.messages += failedReceivers.map {
        NotificationMessageOutcome(receiver: $0, result: .failedAttempt)
      }
      record(
        entry, .failed(deliveredTo: done.sorted(), error: failure.message, nextAttemptAt: at), into: &report)
    case .dead:
      report.messages += failedReceivers.map { NotificationMessageOutcome(receiver: $0, result: .deadLetter) }
      record(entry, .dead(deliveredTo: done.sorted(), error: failure.message), into: &report)
    }
  }

  private func deliverBatch(
    _ message: NotificationMessage, attempt: Int, now: Timestamp, report: inout StepReport
  )
    async
  {
    guard case .alerts(let batch) = message.content else { return }
    let keys = Set((batch.firing + batch.resolved).flatMap { heldByAlert[$0.fingerprint] ?? [] })
    let receiver = message.receiver.name
    if let failure = await send(message, now: now) {
      report.failed += 1
      let decision = configuration.retry.decide(
        afterAttempt: attempt, failure: failure, now: now, jitter: jitter())
      switch decision {
      case .retry:
        report.messages.append(NotificationMessageOutcome(receiver: receiver, result: .failedAttempt))
      case .dead: report.messages.append(NotificationMessageOutcome(receiver: receiver, result: .deadLetter))
      }
      for key in keys.sorted() {
        guard let held = heldAlerts[key], held.owed.contains(receiver) else { continue }
        let done = Set(held.entry.deliveredTo).union(
          Set(configuration.receivers.map(\.name)).subtracting(held.owed)
            .intersection(receivers(for: held.entry.event)))
        switch decision {
        case .retry(let at):
          record(
            held.entry, .failed(deliveredTo: done.sorted(), error: failure.message, nextAttemptAt: at),
            into: &report
          )
        case .dead:
          record(held.entry, .dead(deliveredTo: done.sorted(), error: failure.message), into: &report)
          release(key, held.entry)
        }
      }
      if case .retry(let at) = decision { retrying[message.key] = (message, attempt + 1, at) }
      return
    }
    report.sent += 1
    report.messages.append(NotificationMessageOutcome(receiver: receiver, result: .delivered))
    for key in keys.sorted() {
      guard var held = heldAlerts[key], held.owed.contains(receiver) else { continue }
      held.owed.remove(receiver)
      if held.owed.isEmpty {
        let all = Set(held.entry.deliveredTo).union(receivers(for: held.entry.event))
        record(held.entry, .delivered(to: all.sorted(), at: now), into: &report)
        release(key, held.entry)
      } else {
        heldAlerts[key] = held
      }
    }
  }

  /// Forgets a held alert event.
  private func release(_ key: String, _ entry: NotificationOutboxEntry) {
    heldAlerts[key] = nil
    if let fingerprint = entry.event.fingerprint {
      heldByAlert[fingerprint]?.remove(key)
      if heldByAlert[fingerprint]?.isEmpty == true { heldByAlert[fingerprint] = nil }
    }
  }

  private func record(
    _ entry: NotificationOutboxEntry, _ outcome: NotificationAttemptOutcome, into report: inout StepReport
  ) {
    do {
      let applied = try store.recordNotificationAttempt(
        id: entry.id, attempt: entry.attempts, outcome: outcome)
      guard applied else { return }
      switch outcome {
      case .delivered(_, let at):
        report.delivered += 1
        report.deliveryLatenciesMs.append(max(0, at.milliseconds(since: entry.event.at)))
      case .dead: report.dead += 1
      case .failed: break
      }
    } catch {
      report.storeErrors.append("\(error)")
    }
  }
}
