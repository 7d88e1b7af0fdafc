/// The `[receiver]` table of the configuration file: the OTLP/HTTP receiver
/// of `flightdeck receive` and `flightdeck dashboard --otlp-listen`, and its
/// data folder.
///
/// ```toml
/// [receiver]
/// listen = "127.0.0.1:4318"            # HOST:PORT; beyond loopback a token is required
/// data_dir = ".flightdeck/telemetry"   # default: <workspace>/telemetry
/// max_body_bytes = 16777216            # larger request bodies get 413
/// head_timeout = "10s"                 # a request head must be in within this of its first byte
/// body_timeout = "10s"                 # a body within this of its head …
/// min_body_rate = 65536                # … plus 1 s per this many bytes received (0: no extension)
/// token_file = "/etc/flightdeck/token" # bearer token, compared in constant time
/// tls_certificate = "cert.pem"         # both or neither
/// tls_key = "key.pem"
/// rotate_bytes = 67108864              # a new file past 64 MiB …
/// rotate_age = "1h"                    # … or after an hour
/// retention_max_age = "7d"             # closed files older than this are deleted
/// retention_max_bytes = 1073741824     # oldest closed files deleted above this total
/// ```
///
/// Every key is optional; command-line options (`--otlp-listen`,
/// `--data-dir`, `--token-file`) win over the file. Paths are relative to
/// the current directory.
public struct ReceiverConfiguration: Sendable, Hashable {
  /// `listen` (default ``ReceiverListenAddress/default``).
  public var listen = ReceiverListenAddress.default
  /// `data_dir`; `nil`: `<workspace>/telemetry`.
  public var dataDirectory: String?
  /// `max_body_bytes`; `nil`: the receiver's default.
  public var maxBodyBytes: Int?
  /// `head_timeout`, ms; `nil`: the receiver's default (10 s). A request
  /// head not complete this long after its first byte gets 408 and its
  /// connection is closed.
  public var headTimeoutMs: Int64?
  /// `body_timeout`, ms; `nil`: the receiver's default (10 s). The time a
  /// body has from its head, before ``minBodyBytesPerSecond`` extends it.
  public var bodyTimeoutMs: Int64?
  /// `min_body_rate`, bytes per second; `nil`: the receiver's default
  /// (65 536). Each this many body bytes received add a second to
  /// ``bodyTimeoutMs``; 0: the body deadline is fixed.
  public var minBodyBytesPerSecond: Int?
  /// `token_file`: a file holding the bearer token.
  public var tokenFile: String?
  /// `tls_certificate`: PEM certificate chain; set together with ``tlsKey``.
  public var tlsCertificate: String?
  /// `tls_key`: PEM private key.
  public var tlsKey: String?
  /// `rotate_bytes`; `nil`: ``TelemetryDataFolderOptions``' default.
  public var rotateBytes: Int?
  /// `rotate_age`, ms; `nil`: the default.
  public var rotateAgeMs: Int64?
  /// `retention_max_age`, ms; `nil`: the default.
  public var retentionMaxAgeMs: Int64?
  /// `retention_max_bytes`; `nil`: the default.
  public var retentionMaxBytes: Int64?

  /// The defaults (no `[receiver]` table).
  public init() {}

  /// The data folder's options: this table's values over
  /// ``TelemetryDataFolderOptions``' defaults, in `directory` when given
  /// (a command-line `--data-dir`), else in ``dataDirectory``, else in
  /// `<workspace>/telemetry` (`workspace` default `.flightdeck`).
  public func dataFolderOptions(directory: String? = nil, workspace: String? = nil)
    -> TelemetryDataFolderOptions
  {
    var o = TelemetryDataFolderOptions(
      directory: directory ?? dataDirectory
        ?? TelemetryDataFolderOptions.defaultDirectory(workspace: workspace ?? ".flightdeck"))
    if let rotateBytes { o.rotateBytes = rotateBytes }
    if let rotateAgeMs { o.rotateAgeMs = rotateAgeMs }
    if let retentionMaxAgeMs { o.retentionMaxAgeMs = retentionMaxAgeMs }
    if let retentionMaxBytes { o.retentionMaxBytes = retentionMaxBytes }
    return o
  }
}
