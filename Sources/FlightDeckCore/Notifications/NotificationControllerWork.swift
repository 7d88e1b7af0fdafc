import Synchronization

/// The notification sender as controller work (`flightdeck serve`): while
/// the process holds the lease, a ``NotificationSender`` step runs every
/// ``pollIntervalMs`` (sooner when a group flush or a retry falls due), so only
/// the lease holder delivers and a standby sends nothing.
///
/// ``runIfDue()`` never waits for the network: it starts a step as a task when
/// one is due and none is running, and reports the steps that finished since
/// the last call. A step still running when the lease is lost finishes on its
/// own; what it sent carries the event's idempotency key, so a receiver that
/// gets it again from the next holder can tell (<doc:Notifications>).
public final class NotificationControllerWork: ControllerWork, Sendable {
  /// `notifications`.
  public let workName = "notifications"
  /// The sender whose steps run.
  public let sender: NotificationSender
  /// The time between two steps when nothing falls due sooner, ms.
  public let pollIntervalMs: Int64
  /// Told every finished step (the `/metrics` counters), from the step's task.
  public let observer: (any NotificationStepObserver)?
  private let clock: any FlightDeckClock
  private let state = Mutex(State())

  private struct State: Sendable {
    var running = false
    var nextAt: Timestamp?
    var finished: [NotificationSender.StepReport] = []
  }

  /// Work over `sender`, paced on `clock`.
  /// - Parameters:
  ///   - pollIntervalMs: at least 10 (smaller values count as 10).
  ///   - observer: told every finished step (`nil`: nobody).
  public init(
    sender: NotificationSender, clock: any FlightDeckClock, pollIntervalMs: Int64 = 1_000,
    observer: (any NotificationStepObserver)? = nil
  ) {
    self.sender = sender
    self.observer = observer
    self.clock = clock
    self.pollIntervalMs = max(10, pollIntervalMs)
  }

  /// Starts a step when due and none runs; returns one line per finished
  /// step that did something (`claimed 3, sent 2, failed 1, delivered 2,
  /// dead 0`; the loop prefixes its ``workName``) and one per store error.
  public func runIfDue() -> [String] {
    let now = clock.now()
    let (start, finished) = state.withLock { s -> (Bool, [NotificationSender.StepReport]) in
      let done = s.finished
      s.finished = []
      guard !s.running, s.nextAt.map({ now >= $0 }) ?? true else { return (false, done) }
      s.running = true
      return (true, done)
    }
    if start {
      Task { [self] in
        let report = await sender.step()
        observer?.stepFinished(report)
        let due = await sender.nextDueAt()
        let now = clock.now()
        var next = now.adding(milliseconds: pollIntervalMs)
        if let due, due < next { next = max(due, now.adding(milliseconds: 10)) }
        state.withLock { s in
          s.running = false
          s.nextAt = next
          s.finished.append(report)
        }
      }
    }
    return finished.flatMap(Self.lines)
  }

  /// The log lines of one step: nothing when it claimed and sent nothing.
  static func lines(_ r: NotificationSender.StepReport) -> [String] {
    var out: [String] = []
    if r.claimed > 0 || r.sent > 0 || r.failed > 0 {
      out.append(
        "claimed \(r.claimed), sent \(r.sent), failed \(r.failed), delivered \(r.delivered), dead \(r.dead)"
      )
    }
    out += r.storeErrors.map { "store: \($0)" }
    return out
  }
}
