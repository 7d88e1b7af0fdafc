import FlightDeckCore
import NIOCore
import NIOPosix
import PostgresNIO

/// Turns postgres-nio failures into ``RegistryError`` values with a sentence
/// naming the server (`HOST:PORT/DATABASE`) and, where it matters, the role.
///
/// By SQLSTATE (<https://www.postgresql.org/docs/current/errcodes-appendix.html>):
/// `28P01`/`28000` (and a server asking for a password none was found for) →
/// `.storage` "authentication failed"; `42501` insufficient_privilege →
/// `.missingRole` naming the role and the right it lacks, a refusal by the
/// database itself (a row-level security policy's refusal names what the
/// policy keeps from the role, ``PostgresTeamRoles``; an audit guard's
/// names what it protects, ``PostgresSchema/auditGuards``); `40001` serialization_failure and `40P01`
/// deadlock_detected → `.busy` (the transaction runner retries them first);
/// `55P03` lock_not_available, `57014` query_canceled and `53300`
/// too_many_connections → `.busy`; `53100` disk_full → `.diskFull`; `25006`
/// read_only_sql_transaction → `.readOnly`; class `23` (unique, foreign key,
/// check, not-null violations) → `.storage` naming the constraint; `42P01`
/// undefined_table → `.noWorkspace`; `57P01`/`57P02` (the server ended the
/// connection) → `.storage` saying nothing was committed; `XX001`/`XX002` → `.corrupt`; `3D000` → a
/// missing database. A refused or timed-out connection → `.storage` "cannot
/// connect to HOST:PORT". A ``RegistryError`` passes through unchanged. No
/// message contains a password: the location holds none, and the server's
/// own messages never echo one.
enum PostgresErrors {
  /// The SQLSTATE codes after which a whole transaction is worth running again.
  static let retryableStates: Set<String> = ["40001", "40P01"]

  /// The SQLSTATE of `error`, when the server sent one.
  static func sqlState(_ error: any Error) -> String? {
    guard let e = error as? PSQLError, e.code == .server else { return nil }
    return e.serverInfo?[.sqlState]
  }

  /// Whether `error` is a serialization failure or a deadlock (`40001`, `40P01`).
  static func isRetryable(_ error: any Error) -> Bool {
    sqlState(error).map(retryableStates.contains) ?? false
  }

  /// The registry error for `error`, raised while talking to `location`
  /// (running `statement`, when there was one).
  static func map(_ error: any Error, location: PostgresLocation, statement: String? = nil) -> RegistryError {
    if let e = error as? RegistryError { return e }
    let server = "the PostgreSQL store \(location.endpoint)/\(location.database)"
    guard let e = error as? PSQLError else {
      return connectionFailure(error, location: location) ?? RegistryError(.storage, "\(server): \(error)")
    }
    switch e.code {
    case .server:
      return serverError(e, location: location, statement: statement)
    case .connectionError:
      return connectionFailure(e.underlying ?? e, location: location)
        ?? RegistryError(
          .storage,
          "cannot connect to PostgreSQL at \(location.endpoint): \(e.underlying.map { "\($0)" } ?? "\(e.code)")"
        )
    case .authMechanismRequiresPassword:
      return RegistryError(
        .storage,
        "authentication failed for role \(location.user) at \(location.endpoint): the server asks for a password and none was found (\(location.passwordFile.map { "no line of \($0) matches" } ?? "give passfile=PATH or set PGPASSFILE"))"
      )
    case .unsupportedAuthMechanism, .saslError:
      return RegistryError(
        .storage, "authentication failed for role \(location.user) at \(location.endpoint) (\(e.code))")
    case .sslUnsupported:
      return RegistryError(
        .storage,
        "PostgreSQL at \(location.endpoint) does not offer TLS, and the location asks for sslmode=\(location.tlsMode.rawValue)"
      )
    case .failedToAddSSLHandler, .receivedUnencryptedDataAfterSSLRequest:
      return RegistryError(
        .storage, "the TLS handshake with PostgreSQL at \(location.endpoint) failed (\(e.code))")
    case .serverClosedConnection, .clientClosedConnection, .uncleanShutdown:
      return RegistryError(
        .storage,
        "the connection to \(server) was lost\(e.underlying.map { " (\($0))" } ?? ""); nothing was committed by this operation"
      )
    case .queryCancelled:
      return RegistryError(.busy, "\(server) cancelled the statement; try again")
    default:
      return RegistryError(.storage, "\(server): \(e.code)\(e.underlying.map { " (\($0))" } ?? "")")
    }
  }

  /// A refused, unreachable or timed-out connection, or `nil` when `error` is none of those.
  static func connectionFailure(_ error: any Error, location: PostgresLocation) -> RegistryError? {
    let reason: String
    if let e = error as? NIOConnectionError {
      reason =
        e.connectionErrors.first.map { "\($0.error)" } ?? (e.dnsAAAAError ?? e.dnsAError).map { "\($0)" }
        ?? "\(e)"
    } else if let e = error as? IOError {
      reason = "\(e)"
    } else if let e = error as? ChannelError, case .connectTimeout = e {
      reason = "no answer within \(location.connectTimeoutSeconds) s"
    } else if error is SocketAddressError {
      reason = "\(error)"
    } else {
      return nil
    }
    return RegistryError(
      .storage,
      "cannot connect to PostgreSQL at \(location.endpoint) (\(reason)); is the server running and listening there?"
    )
  }

  /// The error for a message the server sent.
  static func serverError(_ e: PSQLError, location: PostgresLocation, statement: String?) -> RegistryError {
    let state = e.serverInfo?[.sqlState] ?? "?????"
    let message = e.serverInfo?[.message] ?? "error \(state)"
    let server = "the PostgreSQL store \(location.endpoint)/\(location.database)"
    switch state {
    case "28P01", "28000":
      return RegistryError(
        .storage,
        "authentication failed for role \(location.user) at \(location.endpoint): \(message) (check the password file \(location.passwordFile ?? "— none was given"))"
      )
    case "42501" where message.contains("row-level security policy"):
      return policyRefusal(message, location: location, statement: statement)
    case "42501" where message.hasPrefix(guardPrefix):
      return guardRefusal(message, location: location)
    case "42501":
      let right = statement.flatMap(commandVerb) ?? "the"
      // "permission denied for table meta": the object PostgreSQL names (in English; else none).
      let object =
        e.serverInfo?[.tableName].map { "table \($0)" }
        ?? (message.hasPrefix("permission denied for ")
          ? String(message.dropFirst("permission denied for ".count)) : nil)
      let name = object.map { String($0.split(separator: " ", maxSplits: 1).last ?? Substring($0)) }
      return RegistryError(
        .missingRole("\(right) on \(name ?? "the object")"),
        "the database refused: role \(location.user) lacks the \(right) right\(object.map { " on \($0)" } ?? "") (\(message)); only a role granted it (flightdeck admin) may do this"
      )
    case "40001", "40P01":
      return RegistryError(
        .busy, "\(server) kept aborting the transaction (\(message)) after every retry; try again")
    case "55P03", "57014", "53300", "57P03":
      return RegistryError(.busy, "\(server) is busy (\(message)); try again")
    case "57P01", "57P02":
      return RegistryError(
        .storage,
        "\(server) ended the connection (\(message)); this operation's transaction was not committed")
    case "53100":
      return RegistryError(.diskFull, "the disk of \(server) is full; nothing was changed (\(message))")
    case "25006":
      return RegistryError(.readOnly, "\(server) is read-only here; nothing was changed (\(message))")
    case "3D000":
      return RegistryError(
        .storage,
        "PostgreSQL at \(location.endpoint) has no database \(location.database) (create it with createdb)")
    case "42P01":
      return RegistryError(
        .noWorkspace, "\(server) has no FlightDeck tables yet (\(message)); migrate it first")
    case "XX001", "XX002":
      return RegistryError(.corrupt, "\(server) reports damaged data (\(message))")
    default:
      if state.hasPrefix("23") {
        let constraint = e.serverInfo?[.constraintName].map { " (constraint \($0))" } ?? ""
        let detail = e.serverInfo?[.detail].map { ": \($0)" } ?? ""
        return RegistryError(.storage, "\(server) refused the change\(constraint): \(message)\(detail)")
      }
      return RegistryError(.storage, "\(server): \(message) (SQLSTATE \(state))")
    }
  }

  /// A row-level security policy's refusal (`new row violates row-level
  /// security policy for table "pointer_move"`): `.missingRole("VERB on
  /// TABLE")`, worded with what the policy keeps from the role
  /// (``PostgresTeamRoles``'s policies), the server's message in parentheses.
  static func policyRefusal(_ message: String, location: PostgresLocation, statement: String?)
    -> RegistryError
  {
    let right = statement.flatMap(commandVerb) ?? "the"
    let quoted = message.split(separator: "\"", omittingEmptySubsequences: false)
    let table = quoted.count >= 3 ? String(quoted[quoted.count - 2]) : nil
    let rule =
      table.flatMap { PostgresTeamRoles.policyRefusals[$0] }
      ?? "may not write this row\(table.map { " of table \($0)" } ?? ""): a row-level security policy keeps it from the role"
    return RegistryError(
      .missingRole("\(right) on \(table ?? "the object")"),
      "the database refused: role \(location.user) \(rule) (\(message))")
  }

  /// How the audit guards' refusals begin (``PostgresSchema/auditGuards``):
  /// `flightdeck refused VERB on TABLE: why`.
  static let guardPrefix = "flightdeck refused "

  /// An audit guard's refusal (a trigger of ``PostgresSchema/auditGuards``,
  /// raised at the statement or, for the deferred checks, at `COMMIT`):
  /// `.missingRole("VERB on TABLE")`, "the database refused: role NAME may not
  /// VERB on TABLE: why".
  static func guardRefusal(_ message: String, location: PostgresLocation) -> RegistryError {
    let rest = message.dropFirst(guardPrefix.count)
    let what = rest.split(separator: ":", maxSplits: 1).first.map(String.init) ?? String(rest)
    let why = rest.dropFirst(what.count).drop { $0 == ":" || $0 == " " }
    return RegistryError(
      .missingRole(what), "the database refused: role \(location.user) may not \(what): \(why)")
  }

  /// The SQL command of `statement` as a privilege name: `SELECT`, `INSERT`,
  /// `UPDATE`, `DELETE`, `TRUNCATE`, … (the first keyword after any `WITH …`
  /// is not resolved: a CTE statement reports its first word).
  static func commandVerb(_ statement: String) -> String? {
    let word = statement.drop(while: { $0.isWhitespace || $0 == "(" }).prefix(while: { $0.isLetter })
    return word.isEmpty ? nil : word.uppercased()
  }
}
