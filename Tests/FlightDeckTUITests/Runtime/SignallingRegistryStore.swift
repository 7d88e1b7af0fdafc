import FlightDeckCore
import Synchronization

/// A registry store that offers a change signal the test drives by hand
/// (``emit(_:)``), and counts its change-token reads and snapshot reads.
/// Everything else passes straight through to `base` (``ForwardingRegistryStore``) (another process's
/// writes go to `base` directly).
final class SignallingRegistryStore: ForwardingRegistryStore {
  let base: any RegistryStore
  private let handler = Mutex<(@Sendable (StoreChangeEvent) -> Void)?>(nil)
  private let tokenReadCount = Mutex(0)
  private let snapshotReadCount = Mutex(0)
  private let stopCount = Mutex(0)

  init(base: any RegistryStore) { self.base = base }

  /// How many times ``changeToken()`` was called.
  var tokenReads: Int { tokenReadCount.withLock { $0 } }
  /// How many times ``snapshot()`` was called.
  var snapshotReads: Int { snapshotReadCount.withLock { $0 } }
  /// How many times the signal was stopped.
  var stops: Int { stopCount.withLock { $0 } }
  /// Whether someone subscribed and has not stopped.
  var subscribed: Bool { handler.withLock { $0 != nil } }

  /// Delivers `event` to the subscriber, as the backend's thread would.
  func emit(_ event: StoreChangeEvent) {
    handler.withLock { $0 }?(event)
  }

  func signalChanges(_ handler: @escaping @Sendable (StoreChangeEvent) -> Void) throws -> StoreChangeSignal? {
    self.handler.withLock { $0 = handler }
    return StoreChangeSignal { [self] in
      self.handler.withLock { $0 = nil }
      stopCount.withLock { $0 += 1 }
    }
  }

  func snapshot() throws -> RegistrySnapshot {
    snapshotReadCount.withLock { $0 += 1 }
    return try base.snapshot()
  }
  func changeToken() throws -> Int64 {
    tokenReadCount.withLock { $0 += 1 }
    return try base.changeToken()
  }
}
