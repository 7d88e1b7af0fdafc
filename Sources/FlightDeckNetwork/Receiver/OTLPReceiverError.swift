/// Why an ``OTLPReceiver`` could not start, or a token file could not be
/// used. Messages name the setting or file and never contain a token.
public enum OTLPReceiverError: Error, Sendable, Hashable, CustomStringConvertible {
  /// The host is not loopback and no bearer token is configured: binding
  /// there would let anyone on the network write telemetry.
  case nonLoopbackWithoutToken(host: String)
  /// A setting is out of range or inconsistent.
  case invalidSetting(name: String, reason: String)
  /// A token file could not be read (missing, unreadable, empty).
  case unreadableTokenFile(path: String, reason: String)
  /// A token file can be read by its group or by others (mode bits
  /// `0o077`); `chmod 600` it.
  case tokenFileTooOpen(path: String, mode: UInt16)
  /// The TLS certificate or key could not be loaded.
  case tls(path: String, reason: String)

  /// A one-line message for the operator.
  public var description: String {
    switch self {
    case .nonLoopbackWithoutToken(let host):
      return
        "refusing to listen on \(host) without a bearer token: bind to 127.0.0.1 (the default) or "
        + "configure a token file"
    case .invalidSetting(let name, let reason):
      return "receiver setting \(name): \(reason)"
    case .unreadableTokenFile(let path, let reason):
      return "token file \(path): \(reason)"
    case .tokenFileTooOpen(let path, let mode):
      return
        "token file \(path): readable by group or others (mode \(String(mode, radix: 8))); "
        + "run chmod 600 \(path)"
    case .tls(let path, let reason):
      return "TLS file \(path): \(reason)"
    }
  }
}
