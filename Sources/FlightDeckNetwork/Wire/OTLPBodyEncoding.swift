/// The two OTLP/HTTP body encodings
/// (<https://opentelemetry.io/docs/specs/otlp/#otlphttp-request>): binary
/// protobuf and the OTLP/JSON mapping. The response uses the request's.
enum OTLPBodyEncoding: Sendable, Hashable {
  /// `application/x-protobuf`.
  case protobuf
  /// `application/json`.
  case json

  /// The `Content-Type` of bodies in this encoding.
  var mediaType: String {
    switch self {
    case .protobuf: "application/x-protobuf"
    case .json: "application/json"
    }
  }

  /// The encoding a `Content-Type` header names, ignoring parameters
  /// (`; charset=utf-8`) and case (RFC 9110 §8.3.1), or `nil` for any other
  /// media type or no header.
  init?(contentType: String?) {
    guard let contentType else { return nil }
    let essence = contentType.split(separator: ";", maxSplits: 1, omittingEmptySubsequences: false)[0]
    switch essence.trimmingCharacters(in: .whitespaces).lowercased() {
    case "application/x-protobuf", "application/protobuf": self = .protobuf
    case "application/json": self = .json
    default: return nil
    }
  }
}
