/// A secret file a configuration names (`flightdeck doctor` checks each):
/// the configuration key, the path and what it holds.
public struct DeploymentSecret: Sendable, Hashable {
  /// What the file holds, which decides how it is read.
  public enum Kind: String, Sendable, Hashable {
    /// A bearer token (the OTLP receiver's, the resolve API's): at most 4 KiB.
    case bearerToken = "bearer token"
    /// A webhook's HMAC-SHA256 signing secret: at most 4 KiB.
    case signingSecret = "signing secret"
    /// A PagerDuty Events API v2 routing key: at most 4 KiB.
    case routingKey = "routing key"
    /// A TLS private key (PEM): at most 1 MiB.
    case tlsKey = "TLS private key"
    /// A PostgreSQL password file (`.pgpass` format): at most 1 MiB.
    case passwordFile = "password file"

    /// The largest file its reader accepts, bytes.
    public var maxBytes: Int {
      switch self {
      case .bearerToken, .signingSecret, .routingKey: 4096
      case .tlsKey, .passwordFile: 1 << 20
      }
    }
  }

  /// The configuration key naming it (`receiver.token_file`,
  /// `notifications.receivers[0].secret_file`), or the option or variable.
  public var key: String
  /// The file.
  public var path: String
  /// What it holds.
  public var kind: Kind

  /// Creates an entry.
  public init(key: String, path: String, kind: Kind) {
    self.key = key
    self.path = path
    self.kind = kind
  }

  /// Every secret file `configuration` names, in the order of its sections:
  /// the receiver's token and TLS key, the resolve API's token, each
  /// notification receiver's signing secret and routing key.
  public static func all(in configuration: FlightDeckConfiguration) -> [DeploymentSecret] {
    var out: [DeploymentSecret] = []
    if let p = configuration.receiver.tokenFile {
      out.append(.init(key: "receiver.token_file", path: p, kind: .bearerToken))
    }
    if let p = configuration.receiver.tlsKey {
      out.append(.init(key: "receiver.tls_key", path: p, kind: .tlsKey))
    }
    if let p = configuration.controller.resolveTokenFile {
      out.append(.init(key: "controller.resolve_token_file", path: p, kind: .bearerToken))
    }
    for (i, r) in configuration.notifications.receivers.enumerated() {
      if let p = r.secretFile {
        out.append(.init(key: "notifications.receivers[\(i)].secret_file", path: p, kind: .signingSecret))
      }
      if let p = r.routingKeyFile {
        out.append(.init(key: "notifications.receivers[\(i)].routing_key_file", path: p, kind: .routingKey))
      }
    }
    return out
  }
}
