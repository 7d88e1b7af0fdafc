import Dispatch
import Logging
import ServiceLifecycle
import Synchronization

/// A ``DataFolderReceiver`` running on a background task
/// (``DataFolderReceiver/startInBackground()``), for commands whose own
/// thread does something else (the dashboard's screen, a stop-signal loop).
///
/// It runs in a swift-service-lifecycle `ServiceGroup`, so ``stop()`` is a
/// graceful shutdown: the server stops accepting connections, answers the
/// requests in flight (their spans are written first), then the data folder
/// writes what it has queued and closes.
public final class DataFolderReceiverRun: Sendable {
  private let group: ServiceGroup
  private let finished = DispatchSemaphore(value: 0)
  private let isFinished = Mutex(false)
  private let error = Mutex<(any Error)?>(nil)
  private let boundPort = Mutex(0)

  /// Starts `receiver` in a service group on a new task.
  init(_ receiver: DataFolderReceiver, logger: Logger) {
    group = ServiceGroup(services: [receiver], logger: logger)
    Task { [self] in
      do {
        try await self.group.run()
      } catch {
        self.error.withLock { $0 = error }
      }
      self.isFinished.withLock { $0 = true }
      self.finished.signal()
    }
  }

  /// The TCP port the receiver listens on.
  public internal(set) var port: Int {
    get { boundPort.withLock { $0 } }
    set { boundPort.withLock { $0 = newValue } }
  }

  /// What the receiver stopped with, other than being stopped.
  public var failure: (any Error)? { error.withLock { $0 } }

  /// Waits up to `milliseconds` for the receiver to stop by itself.
  /// - Returns: whether it has stopped.
  public func waitUntilFinished(milliseconds: Int) -> Bool {
    if isFinished.withLock({ $0 }) { return true }
    guard finished.wait(timeout: .now() + .milliseconds(milliseconds)) == .success else { return false }
    finished.signal()  // leave it signalled for later waits
    return true
  }

  /// Shuts the receiver down gracefully (see the type) and closes the
  /// folder. Blocks until done; idempotent.
  public func stop() {
    guard !isFinished.withLock({ $0 }) else { return }
    let group = self.group
    Task { await group.triggerGracefulShutdown() }
    finished.wait()
    finished.signal()
  }
}
