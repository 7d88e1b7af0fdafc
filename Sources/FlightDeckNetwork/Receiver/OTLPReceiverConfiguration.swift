import NIOCore

/// How an ``OTLPReceiver`` listens and what it accepts.
///
/// Defaults follow the OTLP/HTTP specification's default endpoint
/// (`localhost:4318`, <https://opentelemetry.io/docs/specs/otlp/#otlphttp>),
/// bound to loopback so that nothing off the machine can send spans unless
/// the operator asks for it — and then only with a bearer token
/// (``OTLPReceiver/init(configuration:sink:mapping:prices:logger:)`` refuses a
/// non-loopback ``host`` without ``bearerToken``).
public struct OTLPReceiverConfiguration: Sendable, Hashable {
  /// Address to bind: an IPv4/IPv6 literal or a host name. Default
  /// `127.0.0.1`. Loopback is `127.0.0.0/8`, `::1` and `localhost`; any other
  /// address (including `0.0.0.0`) needs ``bearerToken``.
  public var host: String
  /// TCP port to bind; default 4318 (OTLP/HTTP). 0 picks a free port
  /// (learn it with ``OTLPReceiver/listeningPort()``).
  public var port: Int
  /// Largest request body taken, in bytes, applied both to the bytes on the
  /// wire and, for `Content-Encoding: gzip`, to the inflated body (so a gzip
  /// bomb is stopped at this many bytes). Larger → 413. Default 8 MiB.
  public var maxBodyBytes: Int
  /// Most requests decoded at once; one more is answered 429 with
  /// `Retry-After` before its body is read. Default 16.
  public var maxInFlightRequests: Int
  /// Most body bytes held at once across the requests in flight (each
  /// reserves its `Content-Length`, or ``maxBodyBytes`` when the length is not
  /// declared; a gzip body then twice the inflated size its trailer declares,
  /// for inflating); a request that would pass it is answered 429 with
  /// `Retry-After` (before its body is read, or before it is inflated). Must
  /// be at least ``largestReservation(maxBodyBytes:)`` so one largest request
  /// always fits.
  /// Default 64 MiB.
  public var maxInFlightBodyBytes: Int
  /// Most TCP connections open at once; past it the server stops accepting
  /// until one closes (connections wait in the listen backlog). Default 256.
  public var maxConnections: Int
  /// Seconds a connection may sit idle (no request bytes, no response
  /// pending) before it is closed. Default 60.
  public var idleTimeoutSeconds: Int
  /// Time a request has to deliver its complete head, from its first byte
  /// (from the connection opening, for the first request); past it the
  /// connection gets `408 Request Timeout` and is closed, so slow heads
  /// (slowloris) cannot hold ``maxConnections``. Default 10 s.
  public var requestHeadTimeout: Duration
  /// Time a request has to deliver its body, from its head, before
  /// ``minBodyBytesPerSecond`` extends it; past it the connection gets
  /// `408 Request Timeout` (or, when the request was already answered, is
  /// just closed). Default 10 s.
  public var requestBodyTimeout: Duration
  /// Each this many body bytes received add one second to
  /// ``requestBodyTimeout`` (a sender at this rate or faster is never cut
  /// off; one that trickles is, after ``requestBodyTimeout``); 0 for a
  /// fixed body deadline. Default 65 536 (64 KiB/s: an 8 MiB body may take
  /// up to 138 s).
  public var minBodyBytesPerSecond: Int
  /// `Retry-After` seconds sent with a 429 for the in-flight bound, and with
  /// a 503 when the sink is unavailable. Default 1 and 5.
  public var busyRetryAfterSeconds: Int
  /// See ``busyRetryAfterSeconds``.
  public var unavailableRetryAfterSeconds: Int
  /// The shared secret every request must present, or `nil` for none (only
  /// allowed on loopback). `Authorization: Bearer TOKEN` on every path; on the
  /// Langfuse path also `Authorization: Basic base64(PUBLIC_KEY:TOKEN)` (the
  /// Langfuse SDK's header: any public key, the token as secret key). Read
  /// it with ``OTLPReceiverToken/read(contentsOf:)``.
  public var bearerToken: String?
  /// PEM file with the server certificate chain; with ``tlsPrivateKeyPath``
  /// the receiver speaks HTTPS only. Both or neither.
  public var tlsCertificatePath: String?
  /// PEM file with the certificate's private key.
  public var tlsPrivateKeyPath: String?

  /// Creates a configuration; every parameter defaults to the documented
  /// default.
  public init(
    host: String = "127.0.0.1", port: Int = 4318, maxBodyBytes: Int = 8 << 20,
    maxInFlightRequests: Int = 16, maxInFlightBodyBytes: Int = 64 << 20, maxConnections: Int = 256,
    idleTimeoutSeconds: Int = 60, requestHeadTimeout: Duration = .seconds(10),
    requestBodyTimeout: Duration = .seconds(10), minBodyBytesPerSecond: Int = 64 << 10,
    busyRetryAfterSeconds: Int = 1, unavailableRetryAfterSeconds: Int = 5,
    bearerToken: String? = nil, tlsCertificatePath: String? = nil, tlsPrivateKeyPath: String? = nil
  ) {
    self.host = host
    self.port = port
    self.maxBodyBytes = maxBodyBytes
    self.maxInFlightRequests = maxInFlightRequests
    self.maxInFlightBodyBytes = maxInFlightBodyBytes
    self.maxConnections = maxConnections
    self.idleTimeoutSeconds = idleTimeoutSeconds
    self.requestHeadTimeout = requestHeadTimeout
    self.requestBodyTimeout = requestBodyTimeout
    self.minBodyBytesPerSecond = minBodyBytesPerSecond
    self.busyRetryAfterSeconds = busyRetryAfterSeconds
    self.unavailableRetryAfterSeconds = unavailableRetryAfterSeconds
    self.bearerToken = bearerToken
    self.tlsCertificatePath = tlsCertificatePath
    self.tlsPrivateKeyPath = tlsPrivateKeyPath
  }

  /// `true` when ``host`` is a loopback address (`127.0.0.0/8`, `::1`,
  /// `localhost`).
  public var bindsLoopback: Bool {
    let h = host.lowercased()
    if h == "localhost" || h == "::1" || h == "[::1]" || h == "0:0:0:0:0:0:0:1" { return true }
    let parts = h.split(separator: ".", omittingEmptySubsequences: false)
    guard parts.count == 4, parts[0] == "127" else { return false }
    return parts.allSatisfy { p in !p.isEmpty && p.count <= 3 && p.allSatisfy(\.isASCII) && UInt8(p) != nil }
  }

  /// Checks the configuration as ``OTLPReceiver`` does before binding.
  ///
  /// - Throws: ``OTLPReceiverError`` naming the setting: a non-loopback
  ///   ``host`` without ``bearerToken``, an empty token, a port outside
  ///   0…65535, a non-positive limit or deadline, a negative
  ///   ``minBodyBytesPerSecond``, ``maxInFlightBodyBytes`` below
  ///   ``largestReservation(maxBodyBytes:)``, or only one of the two TLS paths.
  public func validate() throws(OTLPReceiverError) {
    if !(0...65535).contains(port) {
      throw .invalidSetting(name: "port", reason: "\(port) is not in 0...65535")
    }
    if maxBodyBytes < 1 {
      throw .invalidSetting(name: "maxBodyBytes", reason: "must be at least 1, got \(maxBodyBytes)")
    }
    if maxInFlightRequests < 1 {
      throw .invalidSetting(
        name: "maxInFlightRequests", reason: "must be at least 1, got \(maxInFlightRequests)")
    }
    if maxInFlightBodyBytes < Self.largestReservation(maxBodyBytes: maxBodyBytes) {
      throw .invalidSetting(
        name: "maxInFlightBodyBytes",
        reason:
          "must be at least 6 × maxBodyBytes + 2 (\(Self.largestReservation(maxBodyBytes: maxBodyBytes))), "
          + "got \(maxInFlightBodyBytes)")
    }
    if maxConnections < 1 {
      throw .invalidSetting(name: "maxConnections", reason: "must be at least 1, got \(maxConnections)")
    }
    if idleTimeoutSeconds < 1 {
      throw .invalidSetting(
        name: "idleTimeoutSeconds", reason: "must be at least 1, got \(idleTimeoutSeconds)")
    }
    if requestHeadTimeout <= .zero {
      throw .invalidSetting(name: "requestHeadTimeout", reason: "must be positive, got \(requestHeadTimeout)")
    }
    if requestBodyTimeout <= .zero {
      throw .invalidSetting(name: "requestBodyTimeout", reason: "must be positive, got \(requestBodyTimeout)")
    }
    if minBodyBytesPerSecond < 0 {
      throw .invalidSetting(
        name: "minBodyBytesPerSecond", reason: "must be at least 0, got \(minBodyBytesPerSecond)")
    }
    if busyRetryAfterSeconds < 1 || unavailableRetryAfterSeconds < 1 {
      throw .invalidSetting(name: "retryAfterSeconds", reason: "must be at least 1 second")
    }
    if let bearerToken, bearerToken.isEmpty {
      throw .invalidSetting(name: "bearerToken", reason: "must not be empty")
    }
    if !bindsLoopback && bearerToken == nil {
      throw .nonLoopbackWithoutToken(host: host)
    }
    switch (tlsCertificatePath, tlsPrivateKeyPath) {
    case (nil, nil), (.some, .some): break
    case (.some, nil):
      throw .invalidSetting(name: "tlsPrivateKeyPath", reason: "a certificate is set but no private key")
    case (nil, .some):
      throw .invalidSetting(name: "tlsCertificatePath", reason: "a private key is set but no certificate")
    }
  }

  /// ``requestHeadTimeout``, ``requestBodyTimeout`` and
  /// ``minBodyBytesPerSecond`` for the connection handler.
  var readDeadlineLimits: OTLPReadDeadlines.Limits {
    .init(
      head: TimeAmount(requestHeadTimeout), body: TimeAmount(requestBodyTimeout),
      minBodyBytesPerSecond: minBodyBytesPerSecond)
  }

  /// What one request can reserve of ``maxInFlightBodyBytes`` at most, in
  /// bytes: its body on the wire (≤ `maxBodyBytes`), twice its inflated
  /// size plus two bytes when gzip-encoded (inflating holds the output twice
  /// for a moment, and reads one byte past what the trailer declares), and
  /// ``decodeReservationFactor`` × the decoded body for the records and
  /// their JSON lines: 6 × `maxBodyBytes` + 2.
  public static func largestReservation(maxBodyBytes: Int) -> Int {
    maxBodyBytes + 2 * (maxBodyBytes + 1) + decodeReservationFactor * maxBodyBytes
  }

  /// Bytes reserved per body byte for what decoding makes of it (the
  /// records, their JSON lines, the data folder's queue copy). Measured: a
  /// 4.9 MB protobuf request of 10 000 spans grew the receiver's RSS by about
  /// 15 MB while it was handled, 3 × its body.
  public static let decodeReservationFactor = 3
}
