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
/// The loop's store calls block (SQLite, PostgreSQL's synchronous runner),
/// so they run on this thread, never on Swift concurrency's cooperative
/// pool. This type only owns the thread; what a turn does is the core's,
/// tested on a manual clock.
public final class ControllerLoopService: Service, Sendable {
  private let makeLoop: @Sendable () -> ControllerLoop
  private let onTurn: @Sendable (ControllerLoop.Turn) -> Void
  private let onStop: @Sendable ((any Error)?) -> Void
  private let pauseMs: Int
  private let stopRequested = Atomic<Bool>(false)

  /// A service running the loop `makeLoop` makes (on the loop's thread).
  /// - Parameters:
  ///   - pauseMs: the wait between two turns, ms (the work paces itself on the clock; default 100).
  ///   - onTurn: called after each turn, on the loop's thread (logs, readiness).
  ///   - onStop: called once the lease is released (`nil`) or could not be (the error).
  public init(
    pauseMs: Int = 100, makeLoop: @escaping @Sendable () -> ControllerLoop,
    onTurn: @escaping @Sendable (ControllerLoop.Turn) -> Void,
    onStop: @escaping @Sendable ((any Error)?) -> Void
  ) {
    self.pauseMs = max(1, pauseMs)
    self.makeLoop = makeLoop
    self.onTurn = onTurn
    self.onStop = onStop
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
          thread.name = "flightdeck-controller"
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
    while !stopRequested.load(ordering: .relaxed) {
      onTurn(loop.turn())
      var waited = 0
      while waited < pauseMs && !stopRequested.load(ordering: .relaxed) {
        usleep(UInt32(min(20, pauseMs - waited)) * 1000)
        waited += 20
      }
    }
    do {
      try loop.shutdown()
      onStop(nil)
    } catch {
      onStop(error)
    }
  }
}
