import Foundation

/// The single entry point the engine uses to decode a telemetry source, line
/// by line.
///
/// One decoder per source (it holds the state of a multi-line document). Per
/// line:
/// - blank or whitespace-only → malformed, reason `"empty line"`;
/// - FlightDeck JSON Lines → `FlightDeckLineScanner` (fast path), and for
///   lines it declines `FlightDeckGeneralDecoder`;
/// - OTLP: a line whose object has a top-level `resourceSpans` is decoded by
///   `OTLPDecoder` (in `.auto`, the scanner notices that key and declines);
/// - multi-line OTLP documents: in `.otlp`, any line opening an object that is
///   not closed on it starts a document; in `.auto`, only a line that is just
///   `{`, or an unfinished line that mentions `"resourceSpans"` and ends at a
///   structural byte (`{`, `[`, `,`, `:`), does — so a truncated FlightDeck
///   line stays one malformed line and never swallows the lines after it.
///   The following lines are collected (`isPending`) until the object
///   closes, then decoded as a whole. A document that breaks (line break in a
///   string, data after its end, more than `maxDocumentBytes`) is reported as
///   malformed when that happens; one still open at `finish()` is reported
///   there. Either way its lines are then read again one by one: when any
///   of them is a record, the records are kept and the other lines are
///   reported each at its own line number, so a stray `[` or `{` line never
///   swallows the valid lines after it.
/// - LiteLLM and Langfuse (`.litellm`, `.langfuse`, or detected in `.auto`
///   by ``TelemetryDocumentKind/detect(_:)``): one object per line, a JSON
///   array, or a pretty-printed document (in `.auto` started by a line that
///   is just `{` or `[`), read by ``LiteLLMDecoder`` / ``LangfuseDecoder``.
///   An object of no format FlightDeck reads gets a message saying what it
///   looks like (``TelemetryDocumentKind/mismatch(expected:)``), never a
///   missing field of a format it never was.
public struct TelemetryLineDecoder: Sendable {
  /// The format this source is read as.
  public let format: TelemetryFormat
  /// OTLP attribute mapping.
  public var mapping: OTLPAttributeMapping {
    didSet { otlpMappedKeys = OTLPMappedKeys(mapping: mapping) }
  }
  /// The attribute keys ``mapping`` reads (``OTLPMappedKeys``), worked out
  /// once rather than for every line.
  private var otlpMappedKeys: OTLPMappedKeys
  /// Price table for records without `cost_usd`.
  public var prices: PriceTable
  /// LiteLLM artefact and version fields.
  public var litellm: LiteLLMFieldMapping
  /// Cap on a multi-line document, in bytes.
  public let maxDocumentBytes: Int
  private var document: JSONDocumentAccumulator?
  /// Versions this source's OTLP spans resolved to (``OTLPVersionMemory``).
  private var otlpVersions = OTLPVersionMemory()
  /// Whether OTLP/JSON lines and documents try the byte-level reader
  /// (``OTLPJSONDecoder``) before Foundation; off only in the differential
  /// tests, which compare the two.
  var usesOTLPFastPath = true
  /// OTLP/JSON lines and documents the byte-level reader answered (the
  /// others went through Foundation), so tests can tell the fast path ran.
  private(set) var otlpFastPathAnswers = 0
  /// Pairs in the OTLP version memory, and its recalls that found nothing
  /// (``OTLPVersionMemory/misses``): a replay reading a file in parts uses
  /// them to tell whether a part's answers could depend on the parts before.
  var otlpVersionMemory: (count: Int, misses: Int) { (otlpVersions.count, otlpVersions.misses) }

  /// The version this source's OTLP spans taught for `artefact` sent to
  /// `requestModel` (``OTLPVersionMemory/version(artefact:requestModel:)``).
  func otlpVersion(artefact: String, requestModel: String?) -> String? {
    otlpVersions.version(artefact: artefact, requestModel: requestModel)
  }

  /// Teaches the OTLP version memory a span's version, for spans read
  /// outside the decoder (`replay`'s ``OTLPJSONSpanScanner``), so that they
  /// and the lines the decoder reads share one memory.
  mutating func learnOTLPVersion(artefact: String, requestModel: String?, version: String) {
    otlpVersions.learn(artefact: artefact, requestModel: requestModel, version: version)
  }

  /// Recalls from the OTLP version memory (counting a miss,
  /// ``OTLPVersionMemory/misses``), for spans read outside the decoder.
  mutating func recallOTLPVersion(artefact: String, requestModel: String?) -> String? {
    otlpVersions.recall(artefact: artefact, requestModel: requestModel)
  }

  /// Creates a decoder.
  ///
  /// - Parameters:
  ///   - format: `.auto` (per line), `.flightdeck` or `.otlp`.
  ///   - mapping: how OTLP attributes map to artefact / version / route / kind.
  ///   - prices: price table (see `PriceTable.bundled()`).
  ///   - litellm: how LiteLLM fields map to artefact / version.
  ///   - maxDocumentBytes: cap for a multi-line document (default 16 MiB).
  public init(
    format: TelemetryFormat = .auto, mapping: OTLPAttributeMapping = .default, prices: PriceTable,
    litellm: LiteLLMFieldMapping = .default, maxDocumentBytes: Int = 16 << 20
  ) {
    self.format = format
    self.mapping = mapping
    otlpMappedKeys = mapping == .default ? .default : OTLPMappedKeys(mapping: mapping)
    self.prices = prices
    self.litellm = litellm
    self.maxDocumentBytes = maxDocumentBytes
  }

  /// Whether a multi-line document is being collected.
  public var isPending: Bool { document != nil }

  /// Decodes one line (without its newline).
  public mutating func decode(line: UnsafeRawBufferPointer) -> TelemetryDecodeResult {
    typealias R = TelemetryDecodeError.Reason
    if var doc = document {
      // Taken out first, so that `doc` owns its bytes and feeding appends in
      // place (with a second reference every line copied the whole document).
      document = nil
      let feed = doc.feed(line)
      let before = doc.lineCount - 1
      switch feed {
      case .incomplete:
        document = doc
        return .pending
      case .broken(let reason):
        return recover(
          doc, current: line,
          otherwise: .malformed(TelemetryDecodeError(field: nil, reason: reason, linesBeforeCurrent: before)))
      case .complete:
        let whole = doc.bytes.withUnsafeBytes { decodeDocument($0, linesBeforeCurrent: before) }
        // Not JSON after all (e.g. a `}` closing a stray `[`): read line by line.
        if whole.records.isEmpty, !whole.errors.isEmpty {
          return recover(doc, current: line, otherwise: whole)
        }
        return whole
      }
    }
    switch format {
    case .auto:
      let scan = FlightDeckLineScanner.scan(line)
      switch scan {
      case .scanned: break
      case .malformed(let error):
        if R.isInvalidJSON(error.reason), startsDocumentInAuto(line) { return startDocument(line) }
      case .declined:
        // A line that is just `[` opens a pretty-printed array (LiteLLM records, Langfuse observations).
        if startsDocumentInAuto(line) { return startDocument(line) }
      }
      return decodeAuto(line, scan: scan)
    case .otlp, .litellm, .langfuse:
      if !isBlank(line), JSONDocumentAccumulator.opensDocument(line, arrays: format != .otlp) {
        return startDocument(line)
      }
      return decodeLine(line)
    case .flightdeck:
      return decodeLine(line)
    }
  }

  /// Decodes `line` as a line of its own, never opening a document.
  private mutating func decodeLine(_ line: UnsafeRawBufferPointer) -> TelemetryDecodeResult {
    switch format {
    case .flightdeck:
      return decodeFlightDeck(line)
    case .auto:
      return decodeAuto(line, scan: FlightDeckLineScanner.scan(line))
    case .otlp, .litellm, .langfuse:
      if isBlank(line) {
        return .malformed(TelemetryDecodeError(field: nil, reason: TelemetryDecodeError.Reason.emptyLine))
      }
      return decodeDocument(line, linesBeforeCurrent: 0)
    }
  }

  /// Auto mode, one line, given the scanner's answer for it.
  private mutating func decodeAuto(_ line: UnsafeRawBufferPointer, scan: FlightDeckScanResult)
    -> TelemetryDecodeResult
  {
    switch scan {
    case .scanned(let scan):
      return Self.bounded(scan.record(line: line, prices: prices))
    case .malformed(let error):
      // A required FlightDeck field missing: the object may be of another format.
      if error.reason == TelemetryDecodeError.Reason.missing { return decodeGeneral(line) }
      return .malformed(error)
    case .declined:
      return decodeGeneral(line)
    }
  }

  /// A multi-line document that broke, never closed or is not JSON, read again line by
  /// line, so that a stray line opening a document (`[` or `{` alone, or an
  /// unfinished `{"resourceSpans": [`) does not swallow the valid lines
  /// after it (issue 11: bad input loses nothing else).
  ///
  /// Each of the document's lines is decoded as a line of its own
  /// (``decodeLine(_:)``). When at least one of them is a record, the
  /// records are kept and every other line is reported at its own line
  /// number; when none is, the answer is `otherwise` (the document's own
  /// error or errors, as for a broken pretty-printed document). Linear in
  /// the document's size.
  /// - Parameters:
  ///   - doc: the document as collected.
  ///   - current: the line being read when it broke (`nil` at the end of the
  ///     source); decoded on its own when `doc` did not keep it (over the
  ///     size cap).
  ///   - otherwise: the answer when no line is a record.
  private mutating func recover(
    _ doc: JSONDocumentAccumulator, current: UnsafeRawBufferPointer?, otherwise: TelemetryDecodeResult
  ) -> TelemetryDecodeResult {
    var result = TelemetryDecodeResult()
    let total = doc.lineCount
    func merge(_ r: TelemetryDecodeResult, linesBefore: Int) {
      result.records += r.records
      result.skippedSpans += r.skippedSpans
      for var e in r.errors {
        e.linesBeforeCurrent = linesBefore
        result.errors.append(e)
      }
    }
    let starts = doc.lineStarts
    doc.bytes.withUnsafeBytes { raw in
      for (k, start) in starts.enumerated() {
        let end = k + 1 < starts.count ? starts[k + 1] - 1 : raw.count
        merge(decodeLine(UnsafeRawBufferPointer(rebasing: raw[start..<end])), linesBefore: total - 1 - k)
      }
    }
    if let current, starts.count < total { merge(decodeLine(current), linesBefore: 0) }
    if result.records.isEmpty { return otherwise }
    return result
  }

  /// Ends the source: reports a multi-line document that never closed, or
  /// the records of its lines read one by one when any is a record (`nil`
  /// when nothing is pending).
  public mutating func finish() -> TelemetryDecodeResult? {
    guard let doc = document else { return nil }
    document = nil
    return recover(
      doc, current: nil,
      otherwise: .malformed(
        TelemetryDecodeError(
          field: nil, reason: "unterminated JSON document (\(doc.lineCount) lines)",
          linesBeforeCurrent: doc.lineCount - 1)))
  }

  /// `record`, or malformed when its priced cost is out of range
  /// (``TelemetryBounds/pricedCostProblem(_:)``; a `cost_usd` on the line
  /// was already bounded by the scanner).
  static func bounded(_ record: TelemetryRecord) -> TelemetryDecodeResult {
    if let problem = TelemetryBounds.pricedCostProblem(record.costUSD) { return .malformed(problem) }
    return .record(record)
  }

  private func decodeFlightDeck(_ line: UnsafeRawBufferPointer) -> TelemetryDecodeResult {
    switch FlightDeckLineScanner.scan(line) {
    case .scanned(let scan): return Self.bounded(scan.record(line: line, prices: prices))
    case .malformed(let error): return .malformed(error)
    case .declined:
      switch FlightDeckGeneralDecoder.decode(line, prices: prices) {
      case .success(let r): return .record(r)
      case .failure(let e): return .malformed(e)
      }
    }
  }

  /// Top-level keys that mark an object of another format than FlightDeck
  /// JSON Lines (``TelemetryDocumentKind/detect(_:)``).
  private static let foreignMarkers: Set<String> = [
    "resourceSpans", "call_type", "response_cost", "spend", "model_group", "trace", "observations", "data",
    "traceId", "type", "evalId", "results", "registered_model", "model_version", "mlflow",
  ]

  /// Auto mode, scanner declined: an array, or an object of another format
  /// (a key of ``foreignMarkers`` and no `ts`), is read as a document; else
  /// the general FlightDeck decoder.
  private mutating func decodeGeneral(_ line: UnsafeRawBufferPointer) -> TelemetryDecodeResult {
    if isBlank(line) {
      return .malformed(TelemetryDecodeError(field: nil, reason: TelemetryDecodeError.Reason.emptyLine))
    }
    if let fast = fastOTLP(line, linesBeforeCurrent: 0) { return fast }
    if line.first(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0D }) == 0x5B {
      return decodeDocument(line, linesBeforeCurrent: 0)
    }
    switch FlightDeckGeneralDecoder.read(line, also: Self.foreignMarkers) {
    case .failure(let e): return .malformed(e)
    case .success(let dict):
      if dict["ts"] == nil, dict.keys.contains(where: { Self.foreignMarkers.contains($0) }) {
        return decodeDocument(line, linesBeforeCurrent: 0)
      }
      switch FlightDeckGeneralDecoder.decode(object: dict, prices: prices) {
      case .success(let r): return .record(r)
      case .failure(let e): return .malformed(e)
      }
    }
  }

  private mutating func decodeDocument(_ bytes: UnsafeRawBufferPointer, linesBeforeCurrent: Int)
    -> TelemetryDecodeResult
  {
    typealias R = TelemetryDecodeError.Reason
    func fail(_ field: String?, _ reason: String) -> TelemetryDecodeResult {
      .malformed(TelemetryDecodeError(field: field, reason: reason, linesBeforeCurrent: linesBeforeCurrent))
    }
    if let fast = fastOTLP(bytes, linesBeforeCurrent: linesBeforeCurrent) { return fast }
    if var utf = UTF8Validation.diagnose(bytes) {
      utf.linesBeforeCurrent = linesBeforeCurrent
      return .malformed(utf)
    }
    // The same JSON rules as FlightDeck lines (``StrictJSONReader``), with names unique in every
    // object, nesting up to 512 and finite numbers (Foundation's limits, located by the reader);
    // Foundation then builds the tree.
    if case .failure(let problem) = StrictJSONReader.read(
      bytes, keep: [], duplicatesAtEveryLevel: true, maxDepth: 512, arrays: format != .otlp,
      finiteNumbers: true)
    {
      var e = problem.error
      e.linesBeforeCurrent = linesBeforeCurrent
      return .malformed(e)
    }
    guard let object = try? JSONSerialization.jsonObject(with: Data(bytes)) else {
      return fail(nil, R.foundationRefused)
    }
    if let array = object as? [Any] {
      return decodeArray(array, linesBeforeCurrent: linesBeforeCurrent)
    }
    guard let dict = object as? [String: Any] else { return fail(nil, R.notAnObject) }
    return decodeObject(dict, path: "", linesBeforeCurrent: linesBeforeCurrent)
  }

  /// The byte-level OTLP/JSON reader's answer for a `TracesData` object
  /// (whose only top-level member is `resourceSpans`), in `.otlp` and
  /// `.auto`; `nil` when it declines, the text then read through Foundation
  /// with the same result (``OTLPJSONDecoder``).
  private mutating func fastOTLP(_ bytes: UnsafeRawBufferPointer, linesBeforeCurrent: Int)
    -> TelemetryDecodeResult?
  {
    guard usesOTLPFastPath, format == .otlp || format == .auto else { return nil }
    let answer = OTLPJSONDecoder(mapping: mapping, prices: prices, mappedKeys: otlpMappedKeys).fastDecode(
      bytes, linesBeforeCurrent: linesBeforeCurrent, versions: &otlpVersions, requireResourceSpans: true)
    if answer != nil { otlpFastPathAnswers += 1 }
    return answer
  }

  /// One parsed object, by ``format`` (in `.auto`, by what it looks like).
  private mutating func decodeObject(_ dict: [String: Any], path: String, linesBeforeCurrent: Int)
    -> TelemetryDecodeResult
  {
    func fail(_ field: String?, _ reason: String) -> TelemetryDecodeResult {
      .malformed(TelemetryDecodeError(field: field, reason: reason, linesBeforeCurrent: linesBeforeCurrent))
    }
    let kind = TelemetryDocumentKind.detect(dict)
    let wanted = format == .auto ? kind.format : format
    guard let wanted, format == .auto || kind.format == format || (kind == .unknown && format != .auto) else {
      return fail(path.isEmpty ? nil : String(path.dropLast()), kind.mismatch(expected: format))
    }
    switch wanted {
    case .otlp:
      guard kind == .otlp else { return fail("\(path)resourceSpans", "missing: not OTLP trace data") }
      guard path.isEmpty else { return fail(String(path.dropLast()), "an OTLP document inside an array") }
      return OTLPDecoder(mapping: mapping, prices: prices).decode(
        document: dict, linesBeforeCurrent: linesBeforeCurrent, versions: &otlpVersions)
    case .litellm:
      switch LiteLLMDecoder(mapping: litellm, prices: prices).decode(object: dict, path: path) {
      case .success(let r): return .record(r)
      case .failure(var e):
        e.linesBeforeCurrent = linesBeforeCurrent
        return .malformed(e)
      }
    case .langfuse:
      let reader = LangfuseDecoder(prices: prices)
      if kind == .langfuseExport {
        guard path.isEmpty else { return fail(String(path.dropLast()), "a Langfuse export inside an array") }
        return reader.decode(document: dict, linesBeforeCurrent: linesBeforeCurrent)
      }
      switch reader.decode(observation: dict, path: path) {
      case .success(let r?): return .record(r)
      case .success(nil): return TelemetryDecodeResult(skippedSpans: 1)
      case .failure(var e):
        e.linesBeforeCurrent = linesBeforeCurrent
        return .malformed(e)
      }
    case .flightdeck, .auto:
      guard path.isEmpty else { return fail(String(path.dropLast()), "a FlightDeck record inside an array") }
      switch FlightDeckGeneralDecoder.decode(object: dict, prices: prices) {
      case .success(let r): return Self.bounded(r)
      case .failure(var e):
        e.linesBeforeCurrent = linesBeforeCurrent
        return .malformed(e)
      }
    }
  }

  /// A JSON array of records (LiteLLM) or observations (Langfuse); errors are
  /// named `[i].field`.
  private mutating func decodeArray(_ array: [Any], linesBeforeCurrent: Int) -> TelemetryDecodeResult {
    var result = TelemetryDecodeResult()
    for (i, item) in array.enumerated() {
      guard let dict = item as? [String: Any] else {
        result.errors.append(
          TelemetryDecodeError(
            field: "[\(i)]", reason: TelemetryDecodeError.Reason.notAnObject,
            linesBeforeCurrent: linesBeforeCurrent))
        continue
      }
      let part = decodeObject(dict, path: "[\(i)].", linesBeforeCurrent: linesBeforeCurrent)
      result.records += part.records
      result.skippedSpans += part.skippedSpans
      result.errors += part.errors
    }
    return result
  }

  private mutating func startDocument(_ line: UnsafeRawBufferPointer) -> TelemetryDecodeResult {
    var doc = JSONDocumentAccumulator(maxBytes: maxDocumentBytes)
    switch doc.feed(line) {
    case .incomplete:
      document = doc
      return .pending
    case .broken(let reason):
      return .malformed(TelemetryDecodeError(field: nil, reason: reason))
    case .complete:
      return doc.bytes.withUnsafeBytes { decodeDocument($0, linesBeforeCurrent: 0) }
    }
  }

  private func startsDocumentInAuto(_ line: UnsafeRawBufferPointer) -> Bool {
    // The last byte other than space, tab or CR decides most lines (a whole
    // object ends with `}`) without copying the line.
    guard let lastByte = line.last(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0D }),
      lastByte == 0x7B || lastByte == 0x5B || lastByte == 0x2C || lastByte == 0x3A
    else { return false }
    let trimmed = line.filter { $0 != 0x20 && $0 != 0x09 && $0 != 0x0D }
    if trimmed == [0x7B] || trimmed == [0x5B] { return true }
    guard let last = trimmed.last, last == 0x7B || last == 0x5B || last == 0x2C || last == 0x3A else {
      return false
    }
    let needle = Array("\"resourceSpans\"".utf8)
    guard trimmed.count >= needle.count else { return false }
    let bytes = Array(line)
    var found = false
    for k in 0...(bytes.count - needle.count) where bytes[k] == 0x22 {
      if Array(bytes[k..<(k + needle.count)]) == needle {
        found = true
        break
      }
    }
    return found && JSONDocumentAccumulator.opensDocument(line)
  }

  private func isBlank(_ line: UnsafeRawBufferPointer) -> Bool {
    line.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
  }
}
