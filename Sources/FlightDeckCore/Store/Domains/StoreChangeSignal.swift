import Synchronization

/// A running subscription to a store's changes
/// (``RegistryStore/signalChanges(_:)``): while it runs, every change any
/// process commits is pushed to its handler as a ``StoreChangeEvent``, so a
/// dashboard reloads on the change instead of polling the change token.
///
/// Only backends that can be told about other processes' commits offer one
/// (PostgreSQL: `LISTEN`/`NOTIFY`); SQLite has no notification across
/// processes, and its dashboards keep polling
/// ``RegistryStore/changeToken()``.
public final class StoreChangeSignal: Sendable {
  private let stopBody: @Sendable () -> Void

  /// A signal that `stop` ends (the backend's listener, already started).
  /// - Parameter stop: ends the subscription and waits until no handler call
  ///   starts any more; called at most once.
  public init(stop: @escaping @Sendable () -> Void) {
    stopBody = stop
  }

  /// Ends the subscription: no event is delivered after it returns, except one
  /// already being delivered. Idempotent.
  public func stop() {
    let first = stopped.withLock { done in
      defer { done = true }
      return !done
    }
    if first { stopBody() }
  }

  private let stopped = Mutex(false)
}
