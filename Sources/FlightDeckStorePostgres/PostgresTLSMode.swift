/// How a connection to PostgreSQL uses TLS: the location's `sslmode` query
/// item, with libpq's names (<https://www.postgresql.org/docs/current/libpq-ssl.html>).
public enum PostgresTLSMode: String, Sendable, Hashable, CaseIterable {
  /// `sslmode=disable`: plain TCP, never TLS (a loopback or a private network only).
  case disable
  /// `sslmode=prefer` (the default, as libpq's): TLS when the server offers
  /// it, plain TCP when it does not; the server's certificate is not checked
  /// (as libpq's `prefer`), so this protects against eavesdropping, not an
  /// impostor.
  case prefer
  /// `sslmode=require`: TLS or no connection; the certificate is not checked
  /// (as libpq's `require`).
  case require
  /// `sslmode=verify-full`: TLS or no connection, the certificate chain
  /// checked against the system's trust roots (or the `sslrootcert` file)
  /// and the host name against the certificate.
  case verifyFull = "verify-full"
}
