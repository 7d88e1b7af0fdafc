import FlightDeckCore
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import PostgresNIO

/// Delivers the PostgreSQL store's change counter to a callback whenever a
/// write transaction commits anywhere (``PostgresChangeFeed``): the
/// dashboard's replacement for polling.
///
/// The listener keeps its own connection with `LISTEN flightdeck_change`.
/// After each (re)connection it also delivers the counter as it is then (to
/// `onAttached` when given, else to `onChange`), so a change made while the
/// connection was down is not missed. When the
/// connection drops (the server restarts, an administrator ends it, the
/// network fails) or cannot be opened, it tries again after the reconnect
/// delay, until ``stop()``.
///
/// The callbacks run on an event loop thread: they must return quickly
/// (post a message to the UI, signal a condition) and never wait on the
/// store. Counters arrive in commit order on one connection; after a
/// reconnection one may arrive again.
public final class PostgresChangeListener: Sendable {
  private struct State {
    var started = false
    var stopped = false
    var connection: PostgresConnection?
  }

  private let connector: PostgresConnector
  private let reconnectDelay: TimeAmount
  private let onChange: @Sendable (Int64) -> Void
  private let onAttached: @Sendable (Int64) -> Void
  private let onError: @Sendable (RegistryError) -> Void
  private let state = NIOLockedValueBox(State())

  /// A listener on `location` (not started).
  ///
  /// - Parameters:
  ///   - reconnectDelayMilliseconds: the wait before each new attempt after a
  ///     drop or a failed connection, in milliseconds.
  ///   - onChange: called with each counter (see the type's description).
  ///   - onAttached: called with the counter read after each (re)connection,
  ///     once `LISTEN` is in force (`nil`: `onChange` gets it).
  ///   - onError: called with why the connection failed or dropped, before
  ///     each reconnect attempt (for a status line).
  /// - Throws: ``RegistryError`` from the password file or the TLS settings.
  public init(
    location: PostgresLocation, eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
    reconnectDelayMilliseconds: Int64 = 1000, onChange: @escaping @Sendable (Int64) -> Void,
    onAttached: (@Sendable (Int64) -> Void)? = nil,
    onError: @escaping @Sendable (RegistryError) -> Void = { _ in }
  ) throws {
    connector = try PostgresConnector(
      location: location, eventLoopGroup: eventLoopGroup, applicationName: "flightdeck-listener")
    reconnectDelay = .milliseconds(max(0, reconnectDelayMilliseconds))
    self.onChange = onChange
    self.onAttached = onAttached ?? onChange
    self.onError = onError
  }

  deinit {
    if let connection = state.withLockedValue({ $0.connection }) {
      let _: EventLoopFuture<Void> = connection.close()
    }
  }

  /// Starts listening (connecting in the background; returns at once). A second call does nothing.
  public func start() {
    let first = state.withLockedValue { s -> Bool in
      guard !s.started, !s.stopped else { return false }
      s.started = true
      return true
    }
    if first { connect() }
  }

  /// Stops listening and closes the connection; no callback runs after it returns
  /// except one already running. Idempotent.
  public func stop() {
    let connection = state.withLockedValue { s -> PostgresConnection? in
      s.stopped = true
      defer { s.connection = nil }
      return s.connection
    }
    try? connection?.close().wait()
  }

  private var isStopped: Bool { state.withLockedValue { $0.stopped } }

  private func connect() {
    guard !isStopped else { return }
    let location = connector.location
    let logger = connector.logger
    connector.connect().flatMap { connection -> EventLoopFuture<PostgresConnection> in
      let keep = self.state.withLockedValue { s -> Bool in
        guard !s.stopped else { return false }
        s.connection = connection
        return true
      }
      guard keep else {
        return connection.close().flatMapThrowing {
          throw RegistryError(.storage, "the listener was stopped")
        }
      }
      connection.addListener(channel: PostgresChangeFeed.channel) { _, notification in
        if let counter = Int64(notification.payload), !self.isStopped { self.onChange(counter) }
      }
      return connection.query("LISTEN \(unescaped: PostgresChangeFeed.channel)", logger: logger).flatMap {
        _ in
        connection.query(
          "SELECT counter FROM \(unescaped: PostgresChangeFeed.table) WHERE id = 1", logger: logger)
      }.flatMapThrowing { result in
        guard let cell = result.rows.first?.first,
          case .integer(let counter) = try SQLValue(postgresCell: cell)
        else { throw RegistryError(.corrupt, "the change counter row of \(location) is missing") }
        if !self.isStopped { self.onAttached(counter) }
        return connection
      }
    }.whenComplete { result in
      switch result {
      case .success(let connection):
        connection.closeFuture.whenComplete { _ in
          guard !self.isStopped else { return }
          self.onError(
            RegistryError(
              .storage, "the change listener's connection to \(location.endpoint) dropped; reconnecting"))
          self.scheduleReconnect()
        }
      case .failure(let error):
        if let connection = self.state.withLockedValue({ s -> PostgresConnection? in
          defer { s.connection = nil }
          return s.connection
        }) {
          let _: EventLoopFuture<Void> = connection.close()
        }
        guard !self.isStopped else { return }
        self.onError(PostgresErrors.map(error, location: location))
        self.scheduleReconnect()
      }
    }
  }

  private func scheduleReconnect() {
    guard !isStopped else { return }
    connector.eventLoopGroup.next().scheduleTask(in: reconnectDelay) { self.connect() }
  }
}
