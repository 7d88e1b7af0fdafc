import FlightDeckCore
import Foundation

/// Decodes an OTLP/JSON trace request body with Foundation's
/// `JSONSerialization` and ``OTLPDecoder``: the receiver's stand-in for the
/// byte-level `OTLPJSONDecoder`, with the same shape of call
/// (`decode(_:versions:)` on the raw body, throwing when the body is not a
/// request at all), so replacing it is a change of one type name in
/// ``OTLPReceiverResponder``.
struct FoundationOTLPJSONDecoder: Sendable {
  /// Why a body is not an OTLP/JSON request: invalid JSON, not an object,
  /// or a problem above the spans (`resourceSpans` not an array, a resource
  /// or scope of the wrong shape) — malformed the way a protobuf field of
  /// the wrong wire type is.
  struct Failure: Error, CustomStringConvertible {
    var description: String
  }

  private let decoder: OTLPDecoder

  init(mapping: OTLPAttributeMapping, prices: PriceTable) {
    decoder = OTLPDecoder(mapping: mapping, prices: prices)
  }

  /// Decodes `body`; `versions` is updated only when the body decodes.
  func decode(_ body: UnsafeRawBufferPointer, versions: inout OTLPVersionMemory) throws(Failure)
    -> TelemetryDecodeResult
  {
    let object: Any
    do {
      object = try JSONSerialization.jsonObject(with: Data(body))
    } catch {
      throw Failure(description: "invalid JSON")
    }
    guard let document = object as? [String: Any] else { throw Failure(description: "not a JSON object") }
    // An empty request (`{}`) is a valid one with no spans.
    if document["resourceSpans"] == nil { return TelemetryDecodeResult() }
    var memory = versions
    let result = decoder.decode(document: document, versions: &memory)
    if let structural = result.errors.first(where: { !($0.field ?? "").contains(".spans[") }) {
      throw Failure(description: structural.description)
    }
    versions = memory
    return result
  }
}
