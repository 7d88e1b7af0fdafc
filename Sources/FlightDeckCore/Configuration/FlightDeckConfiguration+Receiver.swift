import TOMLKit

extension FlightDeckConfiguration {
  private static let receiverKeys: Set<String> = [
    "listen", "data_dir", "max_body_bytes", "token_file", "tls_certificate", "tls_key", "rotate_bytes",
    "rotate_age", "retention_max_age", "retention_max_bytes", "head_timeout", "body_timeout",
    "min_body_rate",
  ]

  /// Reads `[receiver]` (see ``ReceiverConfiguration``).
  ///
  /// - `listen`: `HOST:PORT` (``ReceiverListenAddress/init(parsing:)``).
  /// - `data_dir`, `token_file`, `tls_certificate`, `tls_key`: non-empty
  ///   paths; `tls_certificate` and `tls_key` come together.
  /// - `max_body_bytes`: ``Bounds/receiverMaxBodyBytes``;
  ///   `rotate_bytes`: ``Bounds/receiverRotateBytes``;
  ///   `retention_max_bytes`: ``Bounds/receiverRetentionMaxBytes``.
  /// - `rotate_age`: a duration, ``Bounds/receiverRotateAgeMs``;
  ///   `retention_max_age`: a duration, ``Bounds/receiverRetentionMaxAgeMs``.
  /// - `head_timeout`, `body_timeout`: durations,
  ///   ``Bounds/receiverReadTimeoutMs``; `min_body_rate`: bytes per second,
  ///   ``Bounds/receiverMinBodyRate``.
  /// - Throws: the ``ConfigurationError`` that `fail` builds, naming the key.
  static func parseReceiver(
    _ root: TOMLTable, into config: inout FlightDeckConfiguration,
    fail: (String, String) -> ConfigurationError
  ) throws {
    guard let v = root["receiver"] else { return }
    guard let t = v.table else { throw fail("receiver", "expected a table") }
    for k in t.keys.sorted() where !receiverKeys.contains(k) {
      throw fail("receiver.\(k)", "unknown key (allowed: \(receiverKeys.sorted().joined(separator: ", ")))")
    }
    var r = ReceiverConfiguration()
    func path(_ k: String) throws -> String? {
      guard let v = t[k] else { return nil }
      guard let s = v.string, !s.isEmpty else { throw fail("receiver.\(k)", "expected a path") }
      return s
    }
    func bytes(_ k: String, _ range: ClosedRange<Int64>) throws -> Int64? {
      guard let v = t[k] else { return nil }
      guard let n = v.int else { throw fail("receiver.\(k)", "expected an integer number of bytes") }
      guard range.contains(Int64(n)) else {
        throw fail("receiver.\(k)", "must be between \(range.lowerBound) and \(range.upperBound) bytes")
      }
      return Int64(n)
    }
    func duration(_ k: String, _ range: ClosedRange<Int64>) throws -> Int64? {
      try Self.duration(t[k], range: range, example: "\"1h\" or \"7d\"") { fail("receiver.\(k)", $0) }
    }
    if let v = t["listen"] {
      guard let s = v.string else {
        throw fail("receiver.listen", "expected \"HOST:PORT\", e.g. \"127.0.0.1:4318\"")
      }
      do {
        r.listen = try ReceiverListenAddress(parsing: s)
      } catch {
        throw fail("receiver.listen", error.description)
      }
    }
    r.dataDirectory = try path("data_dir")
    r.tokenFile = try path("token_file")
    r.tlsCertificate = try path("tls_certificate")
    r.tlsKey = try path("tls_key")
    if (r.tlsCertificate == nil) != (r.tlsKey == nil) {
      let missing = r.tlsKey == nil ? "tls_key" : "tls_certificate"
      let given = r.tlsKey == nil ? "tls_certificate" : "tls_key"
      throw fail("receiver.\(given)", "\(given) needs \(missing) too (TLS takes a certificate and its key)")
    }
    r.maxBodyBytes = try bytes("max_body_bytes", Bounds.receiverMaxBodyBytes).map { Int($0) }
    r.rotateBytes = try bytes("rotate_bytes", Bounds.receiverRotateBytes).map { Int($0) }
    r.retentionMaxBytes = try bytes("retention_max_bytes", Bounds.receiverRetentionMaxBytes)
    r.rotateAgeMs = try duration("rotate_age", Bounds.receiverRotateAgeMs)
    r.retentionMaxAgeMs = try duration("retention_max_age", Bounds.receiverRetentionMaxAgeMs)
    r.headTimeoutMs = try duration("head_timeout", Bounds.receiverReadTimeoutMs)
    r.bodyTimeoutMs = try duration("body_timeout", Bounds.receiverReadTimeoutMs)
    if let v = t["min_body_rate"] {
      let range = Bounds.receiverMinBodyRate
      guard let n = v.int else {
        throw fail("receiver.min_body_rate", "expected an integer number of bytes per second")
      }
      guard range.contains(n) else {
        throw fail(
          "receiver.min_body_rate",
          "must be between \(range.lowerBound) and \(range.upperBound) bytes per second")
      }
      r.minBodyBytesPerSecond = n
    }
    config.receiver = r
  }
}
