import Foundation
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
    var stopped = false
    var step: Task<Void, Never>?
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
      guard !s.running, !s.stopped, s.nextAt.map({ now >= $0 }) ?? true else { return (false, done) }
      s.running = true
      return (true, done)
    }
    if start {
      let task = Task { [self] in
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
      state.withLock { $0.step = task }
    }
    return finished.flatMap(Self.lines)
  }

  /// A graceful stop: no step starts any more; the one running finishes
  /// (waited for up to ``stopWaitMs``), then the sender gives back its
  /// claims (``NotificationSender/releaseClaims()``) so the next holder
  /// sends those events at once and in order. Blocks the calling thread
  /// (the controller loop's) until then.
  public func stop() {
    let done = DispatchSemaphore(value: 0)
    Task { [self] in
      await stopAndRelease()
      done.signal()
    }
    _ = done.wait(timeout: .now() + .milliseconds(Int(min(stopWaitMs + 1_000, Int64(Int32.max)))))
  }

  /// ``stop()`` for async callers: waits for the running step (up to
  /// ``stopWaitMs``), then releases the sender's claims.
  /// - Returns: how many claims were given back (0 when the store failed: they lapse at their end).
  @discardableResult
  public func stopAndRelease() async -> Int {
    let step = state.withLock { s in
      s.stopped = true
      return s.running ? s.step : nil
    }
    if let step {
      // The step's sends are bounded by the attempt timeout; do not wait for longer than that.
      await withTaskGroup(of: Void.self) { group in
        group.addTask { await step.value }
        group.addTask { [stopWaitMs] in
          try? await Task.sleep(nanoseconds: UInt64(stopWaitMs) * 1_000_000)
        }
        await group.next()
        group.cancelAll()
      }
    }
    return (try? await sender.releaseClaims()) ?? 0
  }

  /// How long ``stop()`` waits for a running step, ms: one attempt timeout and 2 s.
  public var stopWaitMs: Int64 { sender.configuration.retry.attemptTimeoutMs + 2_000 }

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
