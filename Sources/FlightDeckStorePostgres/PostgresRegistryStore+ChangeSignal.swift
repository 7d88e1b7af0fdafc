import FlightDeckCore

extension PostgresRegistryStore {
  /// The store's change signal: a ``PostgresChangeListener`` on the store's
  /// database (its own connection, `LISTEN flightdeck_change`), started.
  ///
  /// Each committed write anywhere arrives as
  /// ``StoreChangeEvent/changed(token:)`` with the change counter; each
  /// (re)connection as ``StoreChangeEvent/attached(token:)``; a failed or
  /// dropped connection as ``StoreChangeEvent/detached(reason:)``, retried
  /// after `reconnectDelayMilliseconds`. The handler runs on an event loop
  /// thread.
  /// - Throws: ``RegistryError`` from the password file or the TLS settings.
  public func signalChanges(
    reconnectDelayMilliseconds: Int64, _ handler: @escaping @Sendable (StoreChangeEvent) -> Void
  ) throws -> StoreChangeSignal {
    let listener = try PostgresChangeListener(
      location: runner.location, reconnectDelayMilliseconds: reconnectDelayMilliseconds,
      onChange: { handler(.changed(token: $0)) },
      onAttached: { handler(.attached(token: $0)) },
      onError: { handler(.detached(reason: $0.message)) })
    listener.start()
    return StoreChangeSignal(stop: { listener.stop() })
  }

  /// The store's change signal with a reconnect delay of one second
  /// (``signalChanges(reconnectDelayMilliseconds:_:)``).
  /// - Throws: ``RegistryError`` from the password file or the TLS settings.
  public func signalChanges(_ handler: @escaping @Sendable (StoreChangeEvent) -> Void) throws
    -> StoreChangeSignal?
  {
    try signalChanges(reconnectDelayMilliseconds: 1000, handler)
  }
}
