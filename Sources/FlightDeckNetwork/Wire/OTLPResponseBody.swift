import Foundation
import NIOCore

/// The bodies an OTLP/HTTP receiver answers with
/// (<https://opentelemetry.io/docs/specs/otlp/#otlphttp-response>), in the
/// request's encoding: an `ExportTraceServiceResponse` on success and a
/// `google.rpc.Status` on failure.
///
/// Protobuf bodies are written by hand (the messages have two or three
/// scalar fields):
/// - `ExportTraceServiceResponse { ExportTracePartialSuccess partial_success = 1; }`
/// - `ExportTracePartialSuccess { int64 rejected_spans = 1; string error_message = 2; }`
/// - `google.rpc.Status { int32 code = 1; string message = 2; repeated Any details = 3; }`
///
/// JSON bodies follow the protobuf JSON mapping OTLP/JSON uses: lowerCamelCase
/// field names, int64 as a decimal string, default values left out.
enum OTLPResponseBody {
  /// Longest `error_message` / `message` sent, in UTF-8 bytes.
  static let maxMessageBytes = 1024

  /// An `ExportTraceServiceResponse`: empty when `rejectedSpans` is 0 (all
  /// spans accepted), else with `partial_success`.
  static func export(rejectedSpans: Int, message: String, encoding: OTLPBodyEncoding) -> ByteBuffer {
    let message = bounded(message)
    switch encoding {
    case .protobuf:
      guard rejectedSpans > 0 else { return ByteBuffer() }
      var inner: [UInt8] = []
      appendVarintField(1, UInt64(rejectedSpans), to: &inner)
      appendStringField(2, message, to: &inner)
      var outer: [UInt8] = []
      appendBytesField(1, inner, to: &outer)
      return ByteBuffer(bytes: outer)
    case .json:
      guard rejectedSpans > 0 else { return ByteBuffer(string: "{}") }
      return ByteBuffer(
        string: "{\"partialSuccess\":{\"rejectedSpans\":\"\(rejectedSpans)\",\"errorMessage\":"
          + jsonString(message) + "}}")
    }
  }

  /// A `google.rpc.Status` with gRPC status `code` (google/rpc/code.proto,
  /// e.g. 3 INVALID_ARGUMENT) and `message`.
  static func status(code: Int, message: String, encoding: OTLPBodyEncoding) -> ByteBuffer {
    let message = bounded(message)
    switch encoding {
    case .protobuf:
      var bytes: [UInt8] = []
      appendVarintField(1, UInt64(code), to: &bytes)
      appendStringField(2, message, to: &bytes)
      return ByteBuffer(bytes: bytes)
    case .json:
      return ByteBuffer(string: "{\"code\":\(code),\"message\":" + jsonString(message) + "}")
    }
  }

  /// `text` with control characters replaced by spaces and cut to
  /// ``maxMessageBytes`` UTF-8 bytes at a character boundary (with `…`).
  static func bounded(_ text: String) -> String {
    var out = ""
    var bytes = 0
    for scalar in text.unicodeScalars {
      let s: Unicode.Scalar =
        (scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
          || scalar.properties.generalCategory == .format) ? " " : scalar
      let n = String(s).utf8.count
      if bytes + n > maxMessageBytes - 3 {
        out += "…"
        return out
      }
      out.unicodeScalars.append(s)
      bytes += n
    }
    return out
  }

  /// `text` as a JSON string literal (RFC 8259 §7).
  static func jsonString(_ text: String) -> String {
    var out = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case _ where scalar.value < 0x20:
        out +=
          "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count)
          + String(scalar.value, radix: 16)
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out + "\""
  }

  private static func appendVarint(_ value: UInt64, to bytes: inout [UInt8]) {
    var v = value
    while v >= 0x80 {
      bytes.append(UInt8(truncatingIfNeeded: v) | 0x80)
      v >>= 7
    }
    bytes.append(UInt8(v))
  }

  private static func appendVarintField(_ number: UInt64, _ value: UInt64, to bytes: inout [UInt8]) {
    guard value != 0 else { return }
    appendVarint(number << 3, to: &bytes)
    appendVarint(value, to: &bytes)
  }

  private static func appendBytesField(_ number: UInt64, _ value: [UInt8], to bytes: inout [UInt8]) {
    appendVarint(number << 3 | 2, to: &bytes)
    appendVarint(UInt64(value.count), to: &bytes)
    bytes.append(contentsOf: value)
  }

  private static func appendStringField(_ number: UInt64, _ value: String, to bytes: inout [UInt8]) {
    guard !value.isEmpty else { return }
    appendBytesField(number, Array(value.utf8), to: &bytes)
  }
}
