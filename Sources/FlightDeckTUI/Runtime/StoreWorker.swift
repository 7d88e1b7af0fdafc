import FlightDeckCore
import Foundation

/// Runs the dashboard's store work off the UI thread: registry commands,
/// loads (history, audit, incidents, KPIs), change-token polls and the alert
/// bookkeeping, one job at a time on one serial worker, so commands keep
/// their order and a second command waits behind the first instead of being
/// lost.
///
/// The worker owns the ``ReleaseDesk`` (which is not thread-safe): after
/// handing it over, the run loop touches it only through jobs. Each job's
/// ``Answer`` goes to a thread-safe inbox that the loop drains every turn
/// (``takeAnswer()``), so a lock wait (SQLite's 5 s busy timeout) or a slow
/// network delays the answer, never the screen. Jobs finish in the order they
/// were submitted.
///
/// In ``Mode/inline`` a job runs at once on the caller's thread (its answer
/// is in the inbox when ``submit(_:)`` returns): the same path, without a
/// thread, for tests that step the loop and expect the store's answer in the
/// same step.
public final class StoreWorker: @unchecked Sendable {
  /// Where jobs run.
  public enum Mode: Sendable, Hashable {
    /// On the worker's own serial queue, off the UI thread (the dashboard's default).
    case background
    /// At once, on the thread that submits them (deterministic tests).
    case inline
  }

  /// What a job hands back to the run loop.
  public struct Answer: Sendable {
    /// Messages for the update function, in order.
    public var messages: [AppMessage] = []
    /// The store's silences and alert instances, for the alert engine (a poll's answer).
    public var alertState: (silences: [AlertSilence], stored: [AlertInstance])?
    /// When the desk's next change-token check is due, read after the job
    /// (a command re-reads the snapshot, which counts as a check).
    public var nextPollDue: Timestamp?

    /// Creates an answer.
    public init(
      messages: [AppMessage] = [],
      alertState: (silences: [AlertSilence], stored: [AlertInstance])? = nil
    ) {
      self.messages = messages
      self.alertState = alertState
    }
  }

  /// Where jobs run.
  public let mode: Mode
  private let desk: ReleaseDesk
  private let queue = DispatchQueue(label: "flightdeck.store-worker", qos: .userInitiated)
  /// Guards ``inbox`` and ``pending``; signalled when a job ends.
  private let condition = NSCondition()
  private var inbox: [Answer] = []
  private var pending = 0

  /// Creates a worker that owns `desk` (the caller no longer touches it).
  public init(desk: ReleaseDesk, mode: Mode = .background) {
    self.desk = desk
    self.mode = mode
  }

  /// Jobs submitted and not yet finished (their answers not yet in the inbox).
  public var pendingJobs: Int {
    condition.lock()
    defer { condition.unlock() }
    return pending
  }

  /// Queues `job`; it runs after every job submitted before it, with the desk.
  public func submit(_ job: @escaping @Sendable (ReleaseDesk) -> Answer) {
    condition.lock()
    pending += 1
    condition.unlock()
    switch mode {
    case .inline:
      run(job)
    case .background:
      queue.async { self.run(job) }
    }
  }

  /// The oldest answer not taken yet (answers come in submission order), or
  /// `nil` when no job finished since the last call. Taken one at a time, so
  /// an answer whose messages submit more work cannot overtake an older one.
  public func takeAnswer() -> Answer? {
    condition.lock()
    defer { condition.unlock() }
    return inbox.isEmpty ? nil : inbox.removeFirst()
  }

  /// Waits until every submitted job has finished, or `timeoutMs` passed
  /// (0: does not wait).
  /// - Returns: `true` when no job is pending.
  @discardableResult
  public func waitUntilIdle(timeoutMs: Int) -> Bool {
    let deadline = Date(timeIntervalSinceNow: Double(max(0, timeoutMs)) / 1000)
    condition.lock()
    defer { condition.unlock() }
    while pending > 0 {
      if !condition.wait(until: deadline) { return pending == 0 }
    }
    return true
  }

  private func run(_ job: @Sendable (ReleaseDesk) -> Answer) {
    var answer = job(desk)
    answer.nextPollDue = desk.nextPollDue
    condition.lock()
    inbox.append(answer)
    pending -= 1
    condition.broadcast()
    condition.unlock()
  }
}
