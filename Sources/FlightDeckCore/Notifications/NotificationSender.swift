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
/// - Delivery is kept per (event, receiver) (``NotificationDelivery``): a
///   failed message is retried by the policy on its receiver's own
///   schedule, and a receiver that refuses it (a 4xx) or runs out of
///   attempts is dead for that event only — the event's other receivers
///   go on. The outbox row sums its deliveries up
///   (``NotificationOutboxEntry/summarise(_:at:)``). Only a request sent
///   counts as an attempt; a claim does not.
/// - Crash safety: the outbox claim holds an event for ``claimForMs``; a
///   sender that dies leaves it claimed, and the next sender takes it when
///   the claim runs out — sending it again with the same key.
/// - The notification log (what each receiver was last told about each
///   group, Alertmanager's `nflog`) is kept in the store
///   (``NotificationOutboxStore/recordNotificationLog(_:at:)``): an entry is
///   written once its batch was delivered (before the batch's events are
///   recorded delivered, so a crash between the two sends the batch again
///   with the same key rather than forget it), or at the flush when there
///   was nothing to send; it expires ``logRetentionMs`` after. A sender's
///   first step reads the log back (``NotificationDispatcher/restore(_:at:)``),
///   so after a handover a group still firing is repeated
///   `repeat_interval` after the last notification — not at once, and not
///   never — and a change to it is told at its next flush.
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
  /// The most receivers sent to at once in a step (each receiver's own
  /// messages go one after the other, in order).
  public let parallelReceivers: Int
  /// How long a notification log entry is kept after it was written, ms
  /// (Alertmanager's `--data.retention`, 120 h by default; at least the
  /// longest `repeat_interval`, or a group still firing is forgotten).
  public let logRetentionMs: Int64
  /// Whether the first step read the store's notification log yet.
  private var logRestored = false
  /// Log entries whose batch is not delivered yet, by the batch's key.
  private var unsentLog: [String: NotificationLogRecord] = [:]

  private var dispatcher: NotificationDispatcher
  /// Alert events held in the dispatcher, by event key: the entry as last
  /// claimed and the receivers still owed.
  private var heldAlerts: [String: (entry: NotificationOutboxEntry, owed: Set<String>)] = [:]
  /// The newest event key per alert fingerprint.
  private var eventOfAlert: [String: String] = [:]
  /// The held event keys per alert fingerprint (its firing and its
  /// resolution may both wait for one batch).
  private var heldByAlert: [String: Set<String>] = [:]
  /// Receivers put off until a retry of theirs is due: their later
  /// messages wait behind it, so each receiver gets its messages in order.
  private var blockedUntil: [String: Timestamp] = [:]
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
    /// Messages not sent in the step because an earlier one to the same
    /// receiver failed and waits for its retry (they go after it, in order).
    public var putOff = 0
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
  ///   - parallelReceivers: the most receivers sent to at once (8 by default, at least 1).
  ///   - logRetentionMs: how long notification log entries are kept, ms
  ///     (``NotificationLogRecord/defaultRetentionMs`` by default; raised to
  ///     the longest `repeat_interval` of the routes when shorter).
  /// - Throws: ``ConfigurationError`` when the configuration has no route.
  public init(
    store: any NotificationOutboxStore, configuration: NotificationConfiguration,
    secrets: NotificationSecrets,
    transport: any NotificationTransport, clock: any FlightDeckClock,
    jitter: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) }, claimLimit: Int = 10,
    parallelReceivers: Int = 8, logRetentionMs: Int64 = NotificationLogRecord.defaultRetentionMs
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
    self.parallelReceivers = max(1, parallelReceivers)
    let receivers = Int64(max(1, configuration.receivers.count))
    self.claimForMs = configuration.retry.attemptTimeoutMs * receivers * Int64(self.claimLimit) + 5_000
    self.logRetentionMs = max(logRetentionMs, Self.longestRepeatIntervalMs(route))
    self.dispatcher = NotificationDispatcher(
      root: route, withoutResolved: Set(configuration.receivers.filter { !$0.sendResolved }.map(\.name)))
  }

  /// The longest `repeat_interval` in the routing tree, ms.
  static func longestRepeatIntervalMs(_ route: NotificationRoute) -> Int64 {
    route.routes.map(longestRepeatIntervalMs).reduce(route.repeatIntervalMs, max)
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

  /// Gives back the outbox claims this sender holds (a graceful stop):
  /// the alert events waiting in its groups or for a batch retry. Each is
  /// due again at once (or at its earliest receiver retry), so the next
  /// sender takes them without waiting for the claims' end, in id order;
  /// nothing is counted as an attempt. The sender forgets them.
  /// - Returns: how many were released.
  /// - Throws: ``RegistryError`` when the store cannot be written (the claims lapse at their end).
  @discardableResult
  public func releaseClaims() throws -> Int {
    let claims = Dictionary(
      heldAlerts.values.map { ($0.entry.id, $0.entry.claims) }, uniquingKeysWith: { a, b in max(a, b) })
    heldAlerts = [:]
    heldByAlert = [:]
    retrying = [:]
    unsentLog = [:]
    guard !claims.isEmpty else { return 0 }
    return try store.releaseNotificationClaims(claims, at: clock.now())
  }

  /// The earliest time something in memory is due (a group flush or a batch retry).
  public func nextDueAt() -> Timestamp? {
    ([dispatcher.nextFlushAt] + retrying.values.map { Optional($0.dueAt) }).compactMap { $0 }.min()
  }

  /// One message of a step, and what it is sent for.
  struct Job: Sendable {
    /// The message.
    var message: NotificationMessage
    /// An event's entry id (one event, one receiver), `nil` for an alert batch.
    var entryID: Int64?
    /// The attempt number (1-based): an event's to this receiver, or the batch's.
    var attempt: Int
  }

  /// How a job's send ended.
  struct Sent: Sendable {
    /// `nil` when the receiver took it.
    var failure: NotificationFailure?
    /// When the attempt ended (the clock after the answer): backoff counts from here.
    var endedAt: Timestamp
  }

  /// One pass: claim, route, flush groups, send what is due, record outcomes.
  public func step() async -> StepReport {
    var report = StepReport()
    let now = clock.now()
    if !logRestored {
      // Once: what earlier senders told each receiver (a failure leaves the log empty, as before it was kept).
      logRestored = true
      do {
        let records = try store.notificationLog(at: now)
        dispatcher.restore(
          Dictionary(records.map { ($0.key, $0.entry) }, uniquingKeysWith: { a, b in a.at >= b.at ? a : b }),
          at: now)
      } catch {
        report.storeErrors.append("\(error)")
      }
    }
    let claimed: [NotificationOutboxEntry]
    do {
      claimed = try store.claimDueNotifications(at: now, claimForMs: claimForMs, limit: claimLimit)
    } catch {
      report.storeErrors.append("\(error)")
      return report
    }
    report.claimed = claimed.count
    var jobs: [Job] = []
    var events: [NotificationOutboxEntry] = []
    for entry in claimed {
      let event = entry.event
      if event.kind.isAlert, let alert = event.notifiedAlert {
        let owed = receivers(for: event).filter { entry.delivery(to: $0)?.isOpen ?? true }
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
          record(entry, unrouted(entry), at: now, into: &report)
          continue
        }
        heldAlerts[event.key] = (entry, owed)
        heldByAlert[alert.fingerprint, default: []].insert(event.key)
      } else {
        events.append(entry)
        // Receivers not yet due (a retry later than another receiver's) wait for their time.
        let due = receivers(for: event).filter { name in
          guard let d = entry.delivery(to: name) else { return true }
          return d.isOpen && (d.nextAttemptAt ?? now) <= now
        }
        for name in due.sorted() {
          guard let receiver = configuration.receiver(named: name) else { continue }
          let message = NotificationMessage(receiver: receiver, key: event.key, content: .event(event))
          let attempt = (entry.delivery(to: name)?.attempts ?? 0) + 1
          jobs.append(Job(message: message, entryID: entry.id, attempt: attempt))
        }
      }
    }
    let batches = dispatcher.flush(at: now)
    var logged = Set(dispatcher.loggedAtLastFlush)
    for batch in batches {
      let logKey = NotificationDispatcher.LogKey(group: batch.groupKey, receiver: batch.receiver)
      logged.remove(logKey)
      guard let receiver = configuration.receiver(named: batch.receiver) else { continue }
      let alerts = batch.firing + batch.resolved
      let fresh = alerts.contains { a in
        (heldByAlert[a.fingerprint] ?? []).contains { heldAlerts[$0]?.owed.contains(batch.receiver) == true }
      }
      let key = Self.batchKey(batch, eventKeys: eventOfAlert, repeatAt: fresh ? nil : now)
      let message = NotificationMessage(receiver: receiver, key: key, content: .alerts(batch))
      retrying[key] = nil
      if let entry = dispatcher.log[logKey] {
        unsentLog[key] = NotificationLogRecord(
          key: logKey, entry: entry, expiresAt: entry.at.adding(milliseconds: logRetentionMs))
      }
      jobs.append(Job(message: message, entryID: nil, attempt: firstAttempt(of: message)))
    }
    // Entries the flush wrote with nothing to send are kept at once.
    let quiet = dispatcher.loggedAtLastFlush.filter { logged.contains($0) }.compactMap { key in
      dispatcher.log[key].map {
        NotificationLogRecord(key: key, entry: $0, expiresAt: $0.at.adding(milliseconds: logRetentionMs))
      }
    }
    if !quiet.isEmpty { keepLog(quiet, at: now, report: &report) }
    await run(jobs, events: events, now: now, report: &report)
    // Then what the first round left owed: resolutions no group carries, and batches due for a retry.
    jobs = leftOverResolutions(now: now)
    for (key, item) in retrying.sorted(by: { $0.key < $1.key }) where item.dueAt <= now {
      retrying[key] = nil
      jobs.append(Job(message: item.message, entryID: nil, attempt: item.attempt))
    }
    await run(jobs, events: [], now: now, report: &report)
    return report
  }

  /// The attempt number of a new batch: one more than the most attempts
  /// any of its held events had to its receiver (so a batch formed again
  /// after a restart keeps counting toward the dead letter).
  private func firstAttempt(of message: NotificationMessage) -> Int {
    guard case .alerts(let batch) = message.content else { return 1 }
    let keys = (batch.firing + batch.resolved).flatMap { heldByAlert[$0.fingerprint] ?? [] }
    let before = keys.compactMap { heldAlerts[$0]?.entry.delivery(to: message.receiver.name)?.attempts }
    return (before.max() ?? 0) + 1
  }

  /// Sends `jobs`, then records their outcomes in job order: each event of
  /// `events` once with its receivers' deliveries, each batch's held events
  /// per receiver.
  private func run(
    _ jobs: [Job], events: [NotificationOutboxEntry], now: Timestamp, report: inout StepReport
  ) async {
    let sent = await send(jobs, now: now)
    var deliveries: [Int64: [NotificationDelivery]] = [:]
    for (job, result) in zip(jobs, sent) {
      let name = job.message.receiver.name
      guard let result else {
        // Put off behind a failure to the same receiver: due at its retry, not an attempt.
        let until = blockedUntil[name] ?? now
        report.putOff += 1
        if let entryID = job.entryID, let entry = events.first(where: { $0.id == entryID }) {
          var d = entry.delivery(to: name) ?? NotificationDelivery(receiver: name, state: .pending)
          if d.state != .failed { d.state = .pending }
          d.nextAttemptAt = until
          deliveries[entryID, default: []].append(d)
        } else if job.entryID == nil {
          retrying[job.message.key] = (job.message, job.attempt, until)
        }
        continue
      }
      if let entryID = job.entryID {
        guard let entry = events.first(where: { $0.id == entryID }) else { continue }
        let d = delivery(to: name, attempts: job.attempt, result, report: &report)
        deliveries[entryID, default: []].append(d)
      } else {
        apply(job, result, report: &report)
      }
    }
    for entry in events {
      record(entry, (deliveries[entry.id] ?? []) + unrouted(entry), at: now, into: &report)
    }
  }

  /// Sends the jobs' messages: to one receiver in job order, one after the
  /// other; to different receivers at once, at most ``parallelReceivers``
  /// at a time, so a receiver that hangs holds back only its own messages.
  /// After a failure that will be retried, the rest of that receiver's
  /// messages are not sent in this step (`nil`: put off behind it, which
  /// keeps its order), nor are any to a receiver still put off.
  private func send(_ jobs: [Job], now: Timestamp) async -> [Sent?] {
    var queues: [(receiver: String, items: [(Int, Job)])] = []
    for (i, job) in jobs.enumerated() {
      let name = job.message.receiver.name
      if let q = queues.firstIndex(where: { $0.receiver == name }) {
        queues[q].items.append((i, job))
      } else {
        queues.append((name, [(i, job)]))
      }
    }
    let putOff = Set(blockedUntil.filter { $0.value > now }.keys)
    var waiting = queues.filter { !putOff.contains($0.receiver) }.map(\.items)[...]
    var out = [Sent?](repeating: nil, count: jobs.count)
    await withTaskGroup(of: [(Int, Sent)].self) { group in
      var running = 0
      while running < parallelReceivers, let items = waiting.popFirst() {
        group.addTask { await self.sendInOrder(items, now: now) }
        running += 1
      }
      while let done = await group.next() {
        for (i, sent) in done { out[i] = sent }
        if let items = waiting.popFirst() {
          group.addTask { await self.sendInOrder(items, now: now) }
        }
      }
    }
    return out
  }

  /// One receiver's messages, in order, until one fails in a way that is
  /// retried (not a refusal, not its last allowed attempt).
  private nonisolated func sendInOrder(_ items: [(Int, Job)], now: Timestamp) async -> [(Int, Sent)] {
    var out: [(Int, Sent)] = []
    for (i, job) in items {
      let failure = await send(job.message, now: now)
      out.append((i, Sent(failure: failure, endedAt: clock.now())))
      if let failure, !failure.isPermanent, job.attempt < configuration.retry.maxAttempts { break }
    }
    return out
  }

  /// The delivery record of attempt `attempts` to `receiver` that ended as
  /// `result`, decided by the retry policy; counts it in `report`.
  private func delivery(
    to receiver: String, attempts: Int, _ result: Sent, report: inout StepReport
  ) -> NotificationDelivery {
    let end = result.endedAt
    guard let failure = result.failure else {
      blockedUntil[receiver] = nil
      report.sent += 1
      report.messages.append(NotificationMessageOutcome(receiver: receiver, result: .delivered))
      return NotificationDelivery(
        receiver: receiver, state: .delivered, attempts: attempts, lastAttemptAt: end, deliveredAt: end)
    }
    report.failed += 1
    switch configuration.retry.decide(afterAttempt: attempts, failure: failure, now: end, jitter: jitter()) {
    case .retry(let at):
      report.messages.append(NotificationMessageOutcome(receiver: receiver, result: .failedAttempt))
      // The receiver's later messages wait for this retry (its order is kept).
      blockedUntil[receiver] = max(blockedUntil[receiver] ?? at, at)
      return NotificationDelivery(
        receiver: receiver, state: .failed, attempts: attempts, nextAttemptAt: at, lastError: failure.message,
        lastAttemptAt: end)
    case .dead:
      report.messages.append(NotificationMessageOutcome(receiver: receiver, result: .deadLetter))
      return NotificationDelivery(
        receiver: receiver, state: .dead, attempts: attempts, lastError: failure.message, lastAttemptAt: end)
    }
  }

  /// A resolution the dispatcher dropped without a notification — the
  /// firing was told before a restart, so this sender's log does not know
  /// it, and Alertmanager's rule sends nothing for a group that only
  /// resolved — is still owed: PagerDuty's page must resolve. Each owed
  /// receiver gets a batch of that one resolved alert, keyed like any batch.
  private func leftOverResolutions(now: Timestamp) -> [Job] {
    let grouped = Set(dispatcher.groups.values.flatMap { $0.alerts.keys })
    var jobs: [Job] = []
    for (key, held) in heldAlerts.sorted(by: { $0.key < $1.key }) {
      guard held.entry.event.kind == .alertResolved, let alert = held.entry.event.notifiedAlert,
        !grouped.contains(alert.fingerprint)
      else { continue }
      for name in held.owed.sorted() {
        guard let receiver = configuration.receiver(named: name),
          let match = route.match(alert.labels).first(where: { $0.route.receiver == name })
        else { continue }
        let batch = NotificationBatch(
          receiver: name,
          groupKey: NotificationGroupKey(
            routePath: match.path, groupLabels: match.route.groupLabels(alert.labels)),
          at: now, firing: [], resolved: [alert])
        let batchKey = Self.batchKey(batch, eventKeys: [alert.fingerprint: key])
        guard retrying[batchKey] == nil else { continue }
        let message = NotificationMessage(receiver: receiver, key: batchKey, content: .alerts(batch))
        jobs.append(Job(message: message, entryID: nil, attempt: firstAttempt(of: message)))
      }
    }
    return jobs
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
  nonisolated func send(_ message: NotificationMessage, now: Timestamp) async -> NotificationFailure? {
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

  /// The open deliveries of `entry` to receivers its routes no longer name
  /// (the configuration changed since), closed as dead so the entry does
  /// not wait for them for ever.
  private func unrouted(_ entry: NotificationOutboxEntry) -> [NotificationDelivery] {
    let routed = receivers(for: entry.event)
    return entry.deliveries.filter { $0.isOpen && !routed.contains($0.receiver) }.map {
      var d = $0
      d.state = .dead
      d.nextAttemptAt = nil
      d.lastError = TerminalText.sanitize($0.receiver) + ": no longer a receiver of this event"
      return d
    }
  }

  /// Records how a batch's send ended on each held event it carried that
  /// still owes its receiver: delivered, failed (the batch is retried as a
  /// whole) or dead — for this receiver only; the event's other receivers
  /// go on.
  private func apply(_ job: Job, _ result: Sent, report: inout StepReport) {
    guard case .alerts(let batch) = job.message.content else { return }
    let keys = Set((batch.firing + batch.resolved).flatMap { heldByAlert[$0.fingerprint] ?? [] })
    let receiver = job.message.receiver.name
    let d = delivery(to: receiver, attempts: job.attempt, result, report: &report)
    if d.state == .failed, let at = d.nextAttemptAt {
      retrying[job.message.key] = (job.message, job.attempt + 1, at)
    } else if let record = unsentLog.removeValue(forKey: job.message.key), d.state == .delivered {
      // Logged before the events are recorded delivered (see the type's description).
      keepLog([record], at: result.endedAt, report: &report)
    }
    for key in keys.sorted() {
      guard var held = heldAlerts[key], held.owed.contains(receiver) else { continue }
      var mine = d
      mine.attempts = max(d.attempts, (held.entry.delivery(to: receiver)?.attempts ?? 0) + 1)
      // Receivers still owed and never recorded keep the claim (pending until its end).
      let waiting = held.owed.subtracting([receiver]).filter { held.entry.delivery(to: $0) == nil }.map {
        NotificationDelivery(receiver: $0, state: .pending, nextAttemptAt: held.entry.nextAttemptAt)
      }
      if d.state != .failed { held.owed.remove(receiver) }
      if let updated = record(held.entry, [mine] + waiting, at: result.endedAt, into: &report) {
        held.entry = updated
      }
      if held.owed.isEmpty {
        release(key, held.entry)
      } else {
        heldAlerts[key] = held
      }
    }
  }

  /// Writes notification log entries to the store (and deletes the expired
  /// ones); a failure goes into `report` (the entries stay in memory).
  private func keepLog(_ records: [NotificationLogRecord], at now: Timestamp, report: inout StepReport) {
    do {
      try store.recordNotificationLog(records, at: now)
    } catch {
      report.storeErrors.append("\(error)")
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

  /// Records `deliveries` of `entry` under its claim at `now`; counts the
  /// entry delivered or dead in `report` when this record made it so.
  /// - Returns: the entry after the record, `nil` when the store ignored it
  ///   (a newer claim) or failed (its error is in the report).
  @discardableResult
  private func record(
    _ entry: NotificationOutboxEntry, _ deliveries: [NotificationDelivery], at now: Timestamp,
    into report: inout StepReport
  ) -> NotificationOutboxEntry? {
    do {
      guard
        let updated = try store.recordNotificationDeliveries(
          id: entry.id, claim: entry.claims, deliveries: deliveries, at: now)
      else { return nil }
      switch updated.state {
      case .delivered:
        report.delivered += 1
        report.deliveryLatenciesMs.append(max(0, now.milliseconds(since: entry.event.at)))
      case .dead where entry.state != .dead: report.dead += 1
      default: break
      }
      return updated
    } catch {
      report.storeErrors.append("\(error)")
      return nil
    }
  }
}
