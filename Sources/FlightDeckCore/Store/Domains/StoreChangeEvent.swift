/// What a store's change signal (``StoreChangeSignal``) reports: a change
/// committed by any process, or the state of the signal's own connection.
public enum StoreChangeEvent: Sendable, Hashable {
  /// A write transaction committed (by any process on the store); `token` is
  /// the store's change token after it (``RegistryStore/changeToken()``).
  /// Events arrive in commit order; the same token may arrive twice.
  case changed(token: Int64)
  /// The signal is attached (first, and again after each reconnection);
  /// `token` is the change token as it was then. Changes committed while it
  /// was detached were not signalled, so a listener reloads once.
  case attached(token: Int64)
  /// The signal's connection failed or dropped (`reason`, one line); it
  /// tries again until stopped, and says ``attached(token:)`` when it is back.
  case detached(reason: String)
}
