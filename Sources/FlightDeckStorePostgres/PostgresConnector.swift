import FlightDeckCore
import Logging
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import NIOSSL
import PostgresNIO

/// Opens connections to one ``PostgresLocation``: the password read once
/// from its password file, the TLS context built once, each connection on
/// the given event loop group.
final class PostgresConnector: Sendable {
  /// Where to connect.
  let location: PostgresLocation
  /// The group the connections' channels run on (never a caller's thread).
  let eventLoopGroup: any EventLoopGroup
  /// postgres-nio's configuration (it holds the password: never printed).
  private let configuration: PostgresConnection.Configuration
  /// A logger that drops everything: failures surface as ``RegistryError``.
  let logger = Logger(label: "flightdeck.store.postgres", factory: { _ in SwiftLogNoOpLogHandler() })
  private let nextID = NIOLockedValueBox(0)

  /// A connector for `location`, reporting itself to the server as `applicationName`.
  /// - Throws: ``RegistryError`` from the password file
  ///   (``PostgresLocation/password()``), or `.invalidInput(field: "sslrootcert")`
  ///   when the TLS context cannot be built from the trust roots given.
  init(location: PostgresLocation, eventLoopGroup: any EventLoopGroup, applicationName: String) throws {
    self.location = location
    self.eventLoopGroup = eventLoopGroup
    let tls: PostgresConnection.Configuration.TLS
    do {
      switch location.tlsMode {
      case .disable:
        tls = .disable
      case .prefer, .require:
        var c = TLSConfiguration.makeClientConfiguration()
        c.certificateVerification = .none
        let context = try NIOSSLContext(configuration: c)
        tls = location.tlsMode == .prefer ? .prefer(context) : .require(context)
      case .verifyFull:
        var c = TLSConfiguration.makeClientConfiguration()
        c.certificateVerification = .fullVerification
        if let roots = location.rootCertificateFile { c.trustRoots = .file(roots) }
        tls = .require(try NIOSSLContext(configuration: c))
      }
    } catch {
      throw RegistryError(
        .invalidInput(field: "sslrootcert"),
        "the TLS settings of the PostgreSQL store cannot be used: \(error)")
    }
    var configuration = PostgresConnection.Configuration(
      host: location.host, port: location.port, username: location.user, password: try location.password(),
      database: location.database, tls: tls)
    configuration.options.connectTimeout = .seconds(Int64(location.connectTimeoutSeconds))
    configuration.options.additionalStartupParameters = [("application_name", applicationName)]
    self.configuration = configuration
  }

  /// A new connection, as a future completed on the group.
  func connect() -> EventLoopFuture<PostgresConnection> {
    let id = nextID.withLockedValue { value in
      value += 1
      return value
    }
    return PostgresConnection.connect(
      on: eventLoopGroup.next(), configuration: configuration, id: id, logger: logger)
  }

  /// A new connection, waiting for it on the calling thread (never an event loop's).
  /// - Throws: ``RegistryError``: cannot connect (naming `HOST:PORT`),
  ///   authentication failed, no such database.
  func connectAndWait() throws -> PostgresConnection {
    do {
      return try connect().wait()
    } catch {
      throw PostgresErrors.map(error, location: location)
    }
  }
}
