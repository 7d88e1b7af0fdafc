import Foundation

/// Decodes one OTLP/JSON `TracesData` text — the body of `POST /v1/traces`
/// with `Content-Type: application/json` (an `ExportTraceServiceRequest`,
/// the same message), or one line or document of the Collector's file
/// exporter — into FlightDeck records, one per GenAI span.
///
/// Two paths give one answer:
/// - a byte-level reader (``OTLPJSONTraceReader``) for the shapes exporters
///   write, with no Foundation tree and no `Any`;
/// - Foundation's `JSONSerialization` after the strict checks
///   (``UTF8Validation``, ``StrictJSONReader``), read by ``OTLPDecoder``,
///   for whatever the byte-level reader declines (an escape in a name, a
///   repeated name, a number beyond int64, `instrumentationLibrarySpans`,
///   any error of the text…).
///
/// Both produce the same ``OTLPSpanFields`` and resource attributes and hand
/// them to the same GenAI mapping (``OTLPDecoder``'s rules,
/// ``OTLPAttributeMapping``, the price table), so a span gives the same
/// ``TelemetryRecord``, skip or located error whichever path read it (the
/// differential tests check this on the corpus and on generated files).
/// Span errors name JSON paths such as
/// `resourceSpans[0].scopeSpans[0].spans[2].traceId`.
public struct OTLPJSONDecoder: Sendable {
  /// Attribute mapping, shared with OTLP/protobuf and OTLP files.
  public var mapping: OTLPAttributeMapping {
    didSet { mappedKeys = OTLPMappedKeys(mapping: mapping) }
  }
  /// Prices for costing spans.
  public var prices: PriceTable

  /// Creates a decoder.
  public init(mapping: OTLPAttributeMapping = .default, prices: PriceTable) {
    self.mapping = mapping
    self.prices = prices
    mappedKeys = mapping == .default ? .default : OTLPMappedKeys(mapping: mapping)
  }

  /// Creates a decoder with the keys of `mapping` already worked out
  /// (`mappedKeys` must be `OTLPMappedKeys(mapping: mapping)`).
  init(mapping: OTLPAttributeMapping, prices: PriceTable, mappedKeys: OTLPMappedKeys) {
    self.mapping = mapping
    self.prices = prices
    self.mappedKeys = mappedKeys
  }

  /// The attribute keys ``mapping`` reads, which the byte-level reader
  /// builds (it skips the others).
  private var mappedKeys: OTLPMappedKeys

  /// Decodes one body, resolving a span without a version attribute (a
  /// failed call has no response model) with `versions` and teaching it the
  /// versions of this body's spans (``OTLPVersionMemory``); `versions` is
  /// left as it was when the body throws.
  ///
  /// - Parameter body: the JSON text (already decompressed). `{}` and a
  ///   body without `resourceSpans` are an empty request (OTLP/JSON leaves
  ///   out empty repeated fields).
  /// - Returns: records (text order), skipped non-GenAI spans, rejected
  ///   spans.
  /// - Throws: ``OTLPJSONDecodeError`` when the body is not valid UTF-8, not
  ///   strict JSON, not a JSON object, or its `resourceSpans` is not an
  ///   array.
  public func decode(_ body: UnsafeRawBufferPointer, versions: inout OTLPVersionMemory)
    throws(OTLPJSONDecodeError) -> TelemetryDecodeResult
  {
    if let fast = fastDecode(body, linesBeforeCurrent: 0, versions: &versions, requireResourceSpans: false) {
      return fast
    }
    return try foundationDecode(body, versions: &versions)
  }

  /// The Foundation path alone (the strict checks, `JSONSerialization`,
  /// ``OTLPDecoder``); see ``decode(_:versions:)``.
  func foundationDecode(_ body: UnsafeRawBufferPointer, versions: inout OTLPVersionMemory)
    throws(OTLPJSONDecodeError) -> TelemetryDecodeResult
  {
    typealias R = TelemetryDecodeError.Reason
    if let utf = UTF8Validation.diagnose(body) {
      throw OTLPJSONDecodeError(field: utf.field, reason: utf.reason)
    }
    if case .failure(let problem) = StrictJSONReader.read(
      body, keep: [], duplicatesAtEveryLevel: true, maxDepth: 512, finiteNumbers: true)
    {
      throw OTLPJSONDecodeError(field: problem.error.field, reason: problem.error.reason)
    }
    guard let object = try? JSONSerialization.jsonObject(with: Data(body)) else {
      throw OTLPJSONDecodeError(field: nil, reason: R.foundationRefused)
    }
    guard let dict = object as? [String: Any] else {
      throw OTLPJSONDecodeError(field: nil, reason: R.notAnObject)
    }
    guard let spans = dict["resourceSpans"] else { return TelemetryDecodeResult() }
    guard spans is [Any] else {
      throw OTLPJSONDecodeError(field: "resourceSpans", reason: "expected an array")
    }
    return OTLPDecoder(mapping: mapping, prices: prices).decode(document: dict, versions: &versions)
  }

  /// Decodes one body with a fresh ``OTLPVersionMemory``; see
  /// ``decode(_:versions:)``.
  public func decode(_ body: UnsafeRawBufferPointer) throws(OTLPJSONDecodeError) -> TelemetryDecodeResult {
    var versions = OTLPVersionMemory()
    return try decode(body, versions: &versions)
  }

  /// The byte-level path alone: the answer, or `nil` when it declines (see
  /// ``OTLPJSONTraceReader``), `versions` then untouched.
  ///
  /// - Parameters:
  ///   - linesBeforeCurrent: copied into every error (multi-line documents).
  ///   - requireResourceSpans: decline a text without `resourceSpans` (the
  ///     file readers give it a message of their own).
  func fastDecode(
    _ body: UnsafeRawBufferPointer, linesBeforeCurrent: Int, versions: inout OTLPVersionMemory,
    requireResourceSpans: Bool
  ) -> TelemetryDecodeResult? {
    let read: (groups: [OTLPJSONTraceReader.ResourceGroup], hasResourceSpans: Bool)
    do {
      read = try OTLPJSONTraceReader.read(body, mapped: mappedKeys)
    } catch {
      return nil
    }
    if requireResourceSpans, !read.hasResourceSpans { return nil }
    let mapper = OTLPDecoder(mapping: mapping, prices: prices)
    var result = TelemetryDecodeResult()
    func path(_ group: Int, _ span: OTLPJSONTraceReader.Span) -> String {
      "resourceSpans[\(group)].scopeSpans[\(span.scope)].spans[\(span.index)]"
    }
    for group in read.groups {
      for span in group.spans {
        switch span.outcome {
        case .failure(let problem):
          result.errors.append(
            TelemetryDecodeError(
              field: "\(path(group.index, span)).\(problem.field ?? "")", reason: problem.reason,
              linesBeforeCurrent: linesBeforeCurrent))
        case .success(let fields):
          switch mapper.outcome(of: fields, resource: group.attributes, versions: &versions) {
          case .record(let r): result.records.append(r)
          case .skipped: result.skippedSpans += 1
          case .rejected(let part, let reason):
            result.errors.append(
              TelemetryDecodeError(
                field: "\(path(group.index, span)).\(part.name(json: true))", reason: reason,
                linesBeforeCurrent: linesBeforeCurrent))
          }
        }
      }
    }
    return result
  }
}
