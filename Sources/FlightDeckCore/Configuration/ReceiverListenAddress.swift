/// Where the OTLP/HTTP receiver listens: `HOST:PORT` as `--otlp-listen` and
/// `[receiver] listen` write it (`127.0.0.1:4318`, `[::1]:4318`,
/// `0.0.0.0:4318`, `localhost:4318`).
public struct ReceiverListenAddress: Sendable, Hashable, CustomStringConvertible {
  /// The host name or address, without IPv6 brackets.
  public var host: String
  /// The TCP port, 0…65535 (0: the system picks one).
  public var port: Int

  /// `127.0.0.1:4318`, the OTLP/HTTP default port on loopback.
  public static let `default` = ReceiverListenAddress(host: "127.0.0.1", port: 4318)

  /// Creates an address.
  public init(host: String, port: Int) {
    self.host = host
    self.port = port
  }

  /// Parses `HOST:PORT`, `[IPV6]:PORT` or `:PORT` (loopback).
  ///
  /// - Throws: ``ReceiverListenAddressError`` saying what is wrong: no
  ///   port, a port that is not a number in 0…65535, an unbracketed IPv6
  ///   address.
  public init(parsing text: String) throws(ReceiverListenAddressError) {
    let host: Substring
    let portText: Substring
    if text.hasPrefix("[") {
      guard let close = text.firstIndex(of: "]") else {
        throw ReceiverListenAddressError(text: text, reason: "an IPv6 address needs its closing ]")
      }
      host = text[text.index(after: text.startIndex)..<close]
      let rest = text[text.index(after: close)...]
      guard rest.hasPrefix(":") else {
        throw ReceiverListenAddressError(text: text, reason: "expected :PORT after ]")
      }
      portText = rest.dropFirst()
    } else {
      guard let colon = text.lastIndex(of: ":") else {
        throw ReceiverListenAddressError(text: text, reason: "expected HOST:PORT, e.g. 127.0.0.1:4318")
      }
      host = text[..<colon]
      guard !host.contains(":") else {
        throw ReceiverListenAddressError(
          text: text, reason: "write an IPv6 address in brackets, e.g. [::1]:4318")
      }
      portText = text[text.index(after: colon)...]
    }
    guard !portText.isEmpty, portText.allSatisfy({ $0.isASCII && $0.isNumber }), portText.count <= 5,
      let port = Int(portText), port <= 65_535
    else { throw ReceiverListenAddressError(text: text, reason: "the port must be a number from 0 to 65535") }
    self.init(host: host.isEmpty ? "127.0.0.1" : String(host), port: port)
  }

  /// Whether the host is a loopback name or address (`localhost`,
  /// `127.0.0.0/8`, `::1`): only then may the receiver run without a bearer
  /// token.
  public var isLoopback: Bool {
    let h = host.lowercased()
    if h == "localhost" || h == "::1" || h == "0:0:0:0:0:0:0:1" { return true }
    let parts = h.split(separator: ".", omittingEmptySubsequences: false)
    return parts.count == 4 && parts[0] == "127" && parts.allSatisfy { UInt8($0) != nil }
  }

  /// `HOST:PORT`, with brackets around an IPv6 address.
  public var description: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }
}
