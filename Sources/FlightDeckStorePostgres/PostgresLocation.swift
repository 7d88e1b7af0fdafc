import FlightDeckCore
import Foundation

/// Where a PostgreSQL store is and how to reach it, parsed from a URL in
/// libpq's form (<https://www.postgresql.org/docs/current/libpq-connect.html#LIBPQ-CONNSTRING-URIS>):
///
///     postgres://USER@HOST:PORT/DATABASE?sslmode=MODE&passfile=PATH
///
/// `postgresql://` is accepted too. `USER` defaults to the operating-system
/// user, `PORT` to 5432 and `DATABASE` to `USER`. Query items:
/// - `sslmode`: `disable`, `prefer` (default), `require` or `verify-full` (``PostgresTLSMode``);
/// - `passfile`: a password file in the `.pgpass` format (``PostgresPasswordFile``),
///   else `$PGPASSFILE`, else `~/.pgpass` when it exists; no password otherwise;
/// - `sslrootcert`: a PEM file of trust roots for `verify-full`;
/// - `connect_timeout`: seconds to wait for the connection (1…3600, default 10).
///
/// A password in the URL itself is refused (it would end up in shell
/// histories and process lists), and so is any other query item. The
/// ``description`` never contains a password: the type never holds one.
public struct PostgresLocation: Sendable, Hashable, CustomStringConvertible {
  /// The role to log in as (what `session_user` will be).
  public var user: String
  /// Host name or IP address (IPv6 without brackets).
  public var host: String
  /// TCP port.
  public var port: Int
  /// Database name.
  public var database: String
  /// TLS use.
  public var tlsMode: PostgresTLSMode
  /// The password file to read, or `nil` for no password.
  public var passwordFile: String?
  /// A PEM file of trust roots for ``PostgresTLSMode/verifyFull``, or `nil` for the system's.
  public var rootCertificateFile: String?
  /// How long to wait for a connection, in seconds.
  public var connectTimeoutSeconds: Int

  /// The query items a location may carry.
  public static let knownQueryItems = ["sslmode", "passfile", "sslrootcert", "connect_timeout"]

  /// A location from its parts (no password file unless given).
  public init(
    user: String, host: String, port: Int = 5432, database: String, tlsMode: PostgresTLSMode = .prefer,
    passwordFile: String? = nil, rootCertificateFile: String? = nil, connectTimeoutSeconds: Int = 10
  ) {
    self.user = user
    self.host = host
    self.port = port
    self.database = database
    self.tlsMode = tlsMode
    self.passwordFile = passwordFile
    self.rootCertificateFile = rootCertificateFile
    self.connectTimeoutSeconds = connectTimeoutSeconds
  }

  /// Whether `text` names a PostgreSQL store (starts with `postgres://` or `postgresql://`).
  public static func isPostgresURL(_ text: String) -> Bool {
    let lower = text.lowercased()
    return lower.hasPrefix("postgres://") || lower.hasPrefix("postgresql://")
  }

  /// Parses `text`.
  ///
  /// - Parameters:
  ///   - environment: where `PGPASSFILE` and `HOME` are read (the process's by default).
  ///   - fileExists: whether a path exists (for the `~/.pgpass` default).
  /// - Throws: ``RegistryError`` `.invalidInput(field: "store")` naming what is
  ///   wrong: another scheme, no host, a bad port, a path with more than one
  ///   segment, a password in the URL, an unknown or repeated query item, or a
  ///   bad `sslmode` / `connect_timeout` value. The message never repeats a password.
  public init(
    parsing text: String, environment: [String: String] = ProcessInfo.processInfo.environment,
    fileExists: (String) -> Bool = { FileManager.default.fileExists(atPath: $0) }
  ) throws {
    func bad(_ why: String) -> RegistryError {
      RegistryError(.invalidInput(field: "store"), "the PostgreSQL store location \(why)")
    }
    guard Self.isPostgresURL(text) else {
      throw bad("must start with postgres:// or postgresql:// (postgres://USER@HOST:PORT/DATABASE)")
    }
    guard let url = URLComponents(string: text) else {
      throw bad("is not a valid URL (postgres://USER@HOST:PORT/DATABASE; percent-encode other characters)")
    }
    if url.percentEncodedPassword != nil {
      throw bad(
        "carries a password; remove it from the URL and put it in a password file (passfile=PATH or PGPASSFILE, mode 600)"
      )
    }
    if url.fragment != nil { throw bad("has a #fragment; remove it") }
    var host = url.host ?? ""
    if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
    guard !host.isEmpty else { throw bad("names no host (postgres://USER@HOST:PORT/DATABASE)") }
    let port = url.port ?? 5432
    guard (1...65535).contains(port) else { throw bad("has port \(port), outside 1…65535") }
    let user = url.user.flatMap { $0.isEmpty ? nil : $0 } ?? Self.operatingSystemUser(environment)
    var path = url.path
    if path.hasPrefix("/") { path.removeFirst() }
    guard !path.contains("/") else { throw bad("has the path /\(path); give one database name") }
    let database = path.isEmpty ? user : path

    var seen = Set<String>()
    var tlsMode = PostgresTLSMode.prefer
    var passwordFile: String?
    var rootCertificateFile: String?
    var timeout = 10
    for item in url.queryItems ?? [] {
      guard Self.knownQueryItems.contains(item.name) else {
        throw bad(
          "has the unknown query item \(item.name); the known ones are \(Self.knownQueryItems.joined(separator: ", "))"
        )
      }
      guard seen.insert(item.name).inserted else { throw bad("gives the query item \(item.name) twice") }
      let value = item.value ?? ""
      switch item.name {
      case "sslmode":
        guard let mode = PostgresTLSMode(rawValue: value) else {
          throw bad(
            "has sslmode=\(value); use one of \(PostgresTLSMode.allCases.map(\.rawValue).joined(separator: ", "))"
          )
        }
        tlsMode = mode
      case "passfile":
        guard !value.isEmpty else { throw bad("has an empty passfile; give the password file's path") }
        passwordFile = value
      case "sslrootcert":
        guard !value.isEmpty else { throw bad("has an empty sslrootcert; give a PEM file's path") }
        rootCertificateFile = value
      default:
        guard let seconds = Int(value), (1...3600).contains(seconds) else {
          throw bad("has connect_timeout=\(value); give whole seconds from 1 to 3600")
        }
        timeout = seconds
      }
    }
    if passwordFile == nil {
      if let env = environment["PGPASSFILE"], !env.isEmpty {
        passwordFile = env
      } else if let home = environment["HOME"], !home.isEmpty, fileExists(home + "/.pgpass") {
        passwordFile = home + "/.pgpass"
      }
    }
    self.init(
      user: user, host: host, port: port, database: database, tlsMode: tlsMode, passwordFile: passwordFile,
      rootCertificateFile: rootCertificateFile, connectTimeoutSeconds: timeout)
  }

  /// `HOST:PORT` (IPv6 in brackets), for messages.
  public var endpoint: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }

  /// The location as a URL without any password:
  /// `postgres://USER@HOST:PORT/DATABASE?sslmode=MODE` (and `passfile`,
  /// `sslrootcert`, `connect_timeout` when they are set or not the default).
  public var description: String {
    func enc(_ s: String) -> String {
      s.addingPercentEncoding(
        withAllowedCharacters: .urlUserAllowed.subtracting(CharacterSet(charactersIn: ":@/?#")))
        ?? s
    }
    var text = "postgres://\(enc(user))@\(endpoint)/\(enc(database))?sslmode=\(tlsMode.rawValue)"
    if let passwordFile { text += "&passfile=\(passwordFile)" }
    if let rootCertificateFile { text += "&sslrootcert=\(rootCertificateFile)" }
    if connectTimeoutSeconds != 10 { text += "&connect_timeout=\(connectTimeoutSeconds)" }
    return text
  }

  /// The password for this location from ``passwordFile``, or `nil` when
  /// there is no file or no line matches.
  /// - Throws: as ``PostgresPasswordFile/password(in:host:port:database:user:)``.
  public func password() throws -> String? {
    guard let passwordFile else { return nil }
    return try PostgresPasswordFile.password(
      in: passwordFile, host: host, port: port, database: database, user: user)
  }

  /// libpq's default user: `$USER`, else the effective user's name from the password database.
  static func operatingSystemUser(_ environment: [String: String]) -> String {
    if let user = environment["USER"], !user.isEmpty { return user }
    if let pw = getpwuid(geteuid()), let name = pw.pointee.pw_name { return String(cString: name) }
    return "postgres"
  }
}
