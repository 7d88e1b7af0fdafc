import FlightDeckCore
import Foundation
import ServiceLifecycle
import Synchronization

/// Runs a ``ControllerLoop`` on a thread of its own as a `Service`: turn
/// after turn, a short wait between turns, until the service group shuts
/// down gracefully (SIGTERM, SIGINT) or is cancelled; then the turn in
/// flight finishes (its store writes complete), the loop releases the lease
/// (``ControllerLoop/shutdown()``) and ``run()`` returns.
///
/// Beside it runs a heartbeat thread, calling the lease keeper's
/// ``ControllerLeaseKeeper/heartbeat()`` every ``heartbeatPollMs`` (the keeper
/// renews only when a heartbeat is due by its clock): the lease is renewed
/// however long a turn takes, and a renewal refused (the lease taken over)
/// stops the turn's work at its next fence check. The heartbeat stops
/// before the lease is released.
///
/// The loop's store calls block (SQLite, PostgreSQL's synchronous runner),
/// so they run on these threads, never on Swift concurrency's cooperative
/// pool. This type only owns the threads; what a turn and a heartbeat do is
/// the core's, tested on a manual clock.
public final class ControllerLoopService: Service, Sendable {
  private let makeLoop: @Sendable () -> ControllerLoop
  private let onTurn: @Sendable (ControllerLoop.Turn) -> Void
  private let onStop: @Sendable ((any Error)?) -> Void
  private let onHeartbeat: @Sendable (ControllerLeaseKeeper.Step) -> Void
  private let pauseMs: Int
  private let stopRequested = Atomic<Bool>(false)
  private let heartbeatStopped = Atomic<Bool>(false)

  /// How often the heartbeat thread asks the keeper whether a renewal is due, ms.
  public static let heartbeatPollMs = 50

  /// A service running the loop `makeLoop` makes (on the loop's thread).
  /// - Parameters:
  ///   - pauseMs: the wait between two turns, ms (the work paces itself on the clock; default 100).
  ///   - onTurn: called after each turn, on the loop's thread (logs, readiness).
  ///   - onStop: called once the lease is released (`nil`) or could not be (the error).
  ///   - onHeartbeat: called on the heartbeat thread after each renewal attempt it made
  ///     (`.renewed`, `.failed`, `.lost`; the loop's next turn also reports a loss).
  public init(
    pauseMs: Int = 100, makeLoop: @escaping @Sendable () -> ControllerLoop,
    onTurn: @escaping @Sendable (ControllerLoop.Turn) -> Void,
    onStop: @escaping @Sendable ((any Error)?) -> Void,
    onHeartbeat: @escaping @Sendable (ControllerLeaseKeeper.Step) -> Void = { _ in }
  ) {
    self.pauseMs = max(1, pauseMs)
    self.makeLoop = makeLoop
    self.onTurn = onTurn
    self.onStop = onStop
    self.onHeartbeat = onHeartbeat
  }

  /// Runs the loop until the group shuts down, then releases the lease.
  public func run() async throws {
    await withTaskCancellationHandler {
      await withGracefulShutdownHandler {
        await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
          let thread = Thread { [self] in
            self.loop()
            done.resume()
          }
          thread.name = "fd-controller"  // at most 15 bytes: Linux thread names (comm)
          thread.start()
        }
      } onGracefulShutdown: { [self] in
        self.stopRequested.store(true, ordering: .relaxed)
      }
    } onCancel: { [self] in
      self.stopRequested.store(true, ordering: .relaxed)
    }
  }

  /// Asks the loop to stop after its current turn (as a graceful shutdown does).
  public func requestStop() { stopRequested.store(true, ordering: .relaxed) }

  private func loop() {
    let loop = makeLoop()
    let heartbeatDone = DispatchSemaphore(value: 0)
    let keeper = loop.keeper
    let onHeartbeat = self.onHeartbeat
    let beat = Thread { [self] in
      while !self.heartbeatStopped.load(ordering: .relaxed) {
        if let step = keeper.heartbeat() {
          switch step {
          case .renewed, .failed, .lost: onHeartbeat(step)
          case .acquired, .holding, .standby: break
          }
        }
        usleep(UInt32(Self.heartbeatPollMs) * 1000)
      }
      heartbeatDone.signal()
    }
    beat.name = "fd-heartbeat"
    beat.start()
    while !stopRequested.load(ordering: .relaxed) {
      onTurn(loop.turn())
      var waited = 0
      while waited < pauseMs && !stopRequested.load(ordering: .relaxed) {
        usleep(UInt32(min(20, pauseMs - waited)) * 1000)
        waited += 20
      }
    }
    heartbeatStopped.store(true, ordering: .relaxed)
    // A renewal in flight ends within the store's own timeouts (and the release would wait for it: the keeper's lock).
    _ = heartbeatDone.wait(timeout: .now() + .seconds(30))
    do {
      try loop.shutdown()
      onStop(nil)
    } catch {
      onStop(error)
    }
  }
}
