/// Walks an OTLP/protobuf `ExportTraceServiceRequest` and hands each span,
/// checked and in the intermediate form (``OTLPSpanFields``), to a visitor
/// with its resource's attributes. The wire-level half of
/// ``OTLPProtobufDecoder``; the GenAI mapping is the other half.
///
/// Messages and field numbers (``OTLPProtobufField``), from
/// opentelemetry-proto:
/// - `collector/trace/v1/trace_service.proto`: `ExportTraceServiceRequest`
///   `{ repeated ResourceSpans resource_spans = 1; }`
/// - `trace/v1/trace.proto`: `ResourceSpans`, `ScopeSpans`, `Span`, `Status`
/// - `resource/v1/resource.proto`: `Resource`
/// - `common/v1/common.proto`: `KeyValue`, `AnyValue`, `ArrayValue`,
///   `KeyValueList`
///
/// Wire rules: unknown fields are skipped by wire type; a known field with
/// another wire type than its declaration's, a group, a truncated value or a
/// length past the end of its message refuses the body
/// (``OTLPProtobufDecodeError``). Of a non-repeated field written twice the
/// last wins, except that a `Resource` or `Status` written twice is merged
/// (attributes appended, fields replaced), as protobuf merges messages.
/// `Resource` may come after `scope_spans` on the wire, so each
/// `ResourceSpans` is read twice: its resource first, then its spans.
///
/// Span checks, each rejecting that span only (the visitor gets the failure):
/// `trace_id` 16 bytes, `span_id` 8 bytes, neither all zero (trace.proto:
/// "An ID with all zeroes OR of length other than 16 bytes is considered
/// invalid"); `kind` 0 … 5; `start_time_unix_nano` and
/// `end_time_unix_nano` present, at most 2^63 − 1, end not before start.
/// Those span fields not needed (`trace_state`, `parent_span_id`, `flags`,
/// `events`, `links`, the dropped counts) are checked for their wire type
/// and skipped.
///
/// Bounds (``OTLPProtobufLimits``): `AnyValue` nesting (recursion is at most
/// two frames per level), the total count of attribute values.
struct OTLPProtobufTraceReader {
  /// The bounds.
  var limits: OTLPProtobufLimits

  /// Where a span is: its indices in `resource_spans`, `scope_spans`,
  /// `spans`.
  struct Location: Hashable, Sendable {
    /// Index in the request's `resource_spans`.
    var resource: Int
    /// Index in that `ResourceSpans`' `scope_spans`.
    var scope: Int
    /// Index in that `ScopeSpans`' `spans`.
    var span: Int

    /// `resource_spans[R].scope_spans[S].spans[P]`.
    var path: String { "resource_spans[\(resource)].scope_spans[\(scope)].spans[\(span)]" }
  }

  /// A span rejected by the checks above: its field (a proto name, e.g.
  /// `trace_id`) and the reason.
  struct Rejection: Error, Hashable, Sendable {
    /// The span's field at fault.
    var field: String
    /// Why.
    var reason: String
  }

  /// Reads `body`, calling `visit` once per span in wire order.
  /// - Throws: ``OTLPProtobufDecodeError`` when the body is not a well-formed
  ///   request or exceeds a bound; spans visited before the error were
  ///   well-formed, but the caller should take none of them.
  func read(_ body: UnsafeRawBufferPointer, visit: Visitor) throws(OTLPProtobufDecodeError) {
    var request = ProtobufReader(body)
    var values = 0
    var index = 0
    while !request.isAtEnd {
      let tag = try request.readTag()
      guard tag.field == OTLPProtobufField.ExportTraceServiceRequest.resourceSpans else {
        try request.skip(tag.wireType)
        continue
      }
      try within("resource_spans[\(index)]") { () throws(OTLPProtobufDecodeError) in
        try request.expect(.lengthDelimited, tag)
        var message = try request.readLengthDelimited()
        try resourceSpans(&message, index: index, values: &values, visit: visit)
      }
      index += 1
    }
  }

  /// The span visitor: where the span is, the span or why it is rejected,
  /// its resource's attributes.
  typealias Visitor = (Location, Result<OTLPSpanFields, Rejection>, OTLPAttributes) -> Void

  /// The elements of a list message (`ArrayValue`, `KeyValueList`): the
  /// length-delimited field at `tag` holds a message whose repeated field
  /// `field` is read, occurrence by occurrence, by `element` (errors under
  /// `values[i]`); its other fields are skipped.
  /// - Throws: a wrong wire type at `tag` or at an element, a truncated
  ///   message, or what `element` throws.
  private func listElements<T>(
    _ message: inout ProtobufReader, _ tag: (field: Int, wireType: ProtobufWireType, offset: Int),
    field: Int, element: (inout ProtobufReader) throws(OTLPProtobufDecodeError) -> T
  ) throws(OTLPProtobufDecodeError) -> [T] {
    try message.expect(.lengthDelimited, tag)
    var list = try message.readLengthDelimited()
    var elements: [T] = []
    while !list.isAtEnd {
      let t = try list.readTag()
      guard t.field == field else {
        try list.skip(t.wireType)
        continue
      }
      try within("values[\(elements.count)]") { () throws(OTLPProtobufDecodeError) in
        try list.expect(.lengthDelimited, t)
        var item = try list.readLengthDelimited()
        elements.append(try element(&item))
      }
    }
    return elements
  }

  /// Runs `body`, putting `component` in front of the field path of any
  /// error it throws (paths are built only on the error path).
  @inline(__always)
  private func within<T>(
    _ component: @autoclosure () -> String, _ body: () throws(OTLPProtobufDecodeError) -> T
  ) throws(OTLPProtobufDecodeError) -> T {
    do throws(OTLPProtobufDecodeError) {
      return try body()
    } catch {
      throw error.within(component())
    }
  }

  /// A tag as ``ProtobufReader/readTag()`` reads it.
  private typealias Tag = (field: Int, wireType: ProtobufWireType, offset: Int)

  /// The field at `tag`, checked for wire type `wireType` and read by
  /// `read`, errors under `component` (as ``within(_:_:)`` puts them).
  @inline(__always)
  private func field<T>(
    _ message: inout ProtobufReader, _ tag: Tag, _ wireType: ProtobufWireType,
    under component: @autoclosure () -> String,
    _ read: (inout ProtobufReader) throws(OTLPProtobufDecodeError) -> T
  ) throws(OTLPProtobufDecodeError) -> T {
    try within(component()) { () throws(OTLPProtobufDecodeError) in
      try message.expect(wireType, tag)
      return try read(&message)
    }
  }

  private func resourceSpans(
    _ message: inout ProtobufReader, index: Int, values: inout Int, visit: Visitor
  ) throws(OTLPProtobufDecodeError) {
    typealias F = OTLPProtobufField.ResourceSpans
    // Pass 1: the resource (wherever it is) and the wire types of all fields.
    var first = message
    var resource: OTLPAttributes = [:]
    var attributeIndex = 0
    while !first.isAtEnd {
      let tag = try first.readTag()
      switch tag.field {
      case F.resource:
        try within("resource") { () throws(OTLPProtobufDecodeError) in
          try first.expect(.lengthDelimited, tag)
          var r = try first.readLengthDelimited()
          try self.resource(&r, into: &resource, attributeIndex: &attributeIndex, values: &values)
        }
      case F.scopeSpans:
        try first.expect(.lengthDelimited, tag)
        _ = try first.readLengthDelimited()
      case F.schemaURL:
        _ = try field(&first, tag, .lengthDelimited, under: "schema_url", ProtobufReader.string)
      default: try first.skip(tag.wireType)
      }
    }
    // Pass 2: the spans (every tag and length already checked by pass 1).
    var scopeIndex = 0
    while !message.isAtEnd {
      let tag = try message.readTag()
      guard tag.field == F.scopeSpans else {
        try message.skip(tag.wireType)
        continue
      }
      var scope = try message.readLengthDelimited()
      let location = Location(resource: index, scope: scopeIndex, span: 0)
      try within("scope_spans[\(scopeIndex)]") { () throws(OTLPProtobufDecodeError) in
        try scopeSpans(&scope, location: location, resource: resource, values: &values, visit: visit)
      }
      scopeIndex += 1
    }
  }

  private func resource(
    _ message: inout ProtobufReader, into attributes: inout OTLPAttributes,
    attributeIndex: inout Int, values: inout Int
  ) throws(OTLPProtobufDecodeError) {
    typealias F = OTLPProtobufField.Resource
    while !message.isAtEnd {
      let tag = try message.readTag()
      switch tag.field {
      case F.attributes:
        try within("attributes[\(attributeIndex)]") { () throws(OTLPProtobufDecodeError) in
          try message.expect(.lengthDelimited, tag)
          var kv = try message.readLengthDelimited()
          let (key, value) = try keyValue(&kv, depth: 1, values: &values)
          attributes[key] = value
        }
        attributeIndex += 1
      case F.droppedAttributesCount:
        _ = try field(&message, tag, .varint, under: "dropped_attributes_count", ProtobufReader.varint)
      default: try message.skip(tag.wireType)
      }
    }
  }

  private func scopeSpans(
    _ message: inout ProtobufReader, location: Location, resource: OTLPAttributes,
    values: inout Int, visit: Visitor
  ) throws(OTLPProtobufDecodeError) {
    typealias F = OTLPProtobufField.ScopeSpans
    var location = location
    while !message.isAtEnd {
      let tag = try message.readTag()
      switch tag.field {
      case F.scope:
        _ = try field(&message, tag, .lengthDelimited, under: "scope", ProtobufReader.lengthDelimited)
      case F.spans:
        let result = try within("spans[\(location.span)]") {
          () throws(OTLPProtobufDecodeError) -> Result<OTLPSpanFields, Rejection> in
          try message.expect(.lengthDelimited, tag)
          var s = try message.readLengthDelimited()
          return try span(&s, values: &values)
        }
        visit(location, result, resource)
        location.span += 1
      case F.schemaURL:
        _ = try field(&message, tag, .lengthDelimited, under: "schema_url", ProtobufReader.string)
      default: try message.skip(tag.wireType)
      }
    }
  }

  private func span(_ message: inout ProtobufReader, values: inout Int) throws(OTLPProtobufDecodeError)
    -> Result<OTLPSpanFields, Rejection>
  {
    typealias F = OTLPProtobufField.Span
    var traceID: ProtobufReader?
    var spanID: ProtobufReader?
    var name = ""
    var kind: UInt64 = 0
    var start: UInt64?
    var end: UInt64?
    var statusCode: UInt64 = 0
    var attributes: OTLPAttributes = [:]
    var attributeIndex = 0
    while !message.isAtEnd {
      let tag = try message.readTag()
      if tag.field == F.attributes {
        try within("attributes[\(attributeIndex)]") { () throws(OTLPProtobufDecodeError) in
          try message.expect(.lengthDelimited, tag)
          var kv = try message.readLengthDelimited()
          let (key, value) = try keyValue(&kv, depth: 1, values: &values)
          attributes[key] = value
        }
        attributeIndex += 1
        continue
      }
      try within(F.fieldName(tag.field)) { () throws(OTLPProtobufDecodeError) in
        switch tag.field {
        case F.traceID:
          try message.expect(.lengthDelimited, tag)
          traceID = try message.readLengthDelimited()
        case F.spanID:
          try message.expect(.lengthDelimited, tag)
          spanID = try message.readLengthDelimited()
        case F.traceState, F.parentSpanID, F.events, F.links:
          try message.expect(.lengthDelimited, tag)
          _ = try message.readLengthDelimited()
        case F.name:
          try message.expect(.lengthDelimited, tag)
          name = try message.readString()
        case F.kind:
          try message.expect(.varint, tag)
          kind = try message.readVarint()
        case F.startTimeUnixNano:
          try message.expect(.fixed64, tag)
          start = try message.readFixed64()
        case F.endTimeUnixNano:
          try message.expect(.fixed64, tag)
          end = try message.readFixed64()
        case F.droppedAttributesCount, F.droppedEventsCount, F.droppedLinksCount:
          try message.expect(.varint, tag)
          _ = try message.readVarint()
        case F.status:
          try message.expect(.lengthDelimited, tag)
          var status = try message.readLengthDelimited()
          try self.status(&status, code: &statusCode)
        case F.flags:
          try message.expect(.fixed32, tag)
          _ = try message.readFixed32()
        default: try message.skip(tag.wireType)
        }
      }
    }
    let traceHex: String
    switch Self.identifier(traceID, byteCount: 16) {
    case .success(let h): traceHex = h
    case .failure(let p):
      return .failure(Rejection(field: "trace_id", reason: "invalid trace id: \(p.reason)"))
    }
    let spanHex: String
    switch Self.identifier(spanID, byteCount: 8) {
    case .success(let h): spanHex = h
    case .failure(let p): return .failure(Rejection(field: "span_id", reason: "invalid span id: \(p.reason)"))
    }
    guard kind <= 5 else { return .failure(Rejection(field: "kind", reason: "unknown span kind")) }
    guard let start else {
      return .failure(Rejection(field: "start_time_unix_nano", reason: Self.missingTime))
    }
    guard start <= UInt64(Int64.max) else {
      return .failure(Rejection(field: "start_time_unix_nano", reason: Self.timeRange))
    }
    guard let end else { return .failure(Rejection(field: "end_time_unix_nano", reason: Self.missingTime)) }
    guard end <= UInt64(Int64.max) else {
      return .failure(Rejection(field: "end_time_unix_nano", reason: Self.timeRange))
    }
    guard end >= start else {
      return .failure(Rejection(field: "end_time_unix_nano", reason: "before start_time_unix_nano"))
    }
    return .success(
      OTLPSpanFields(
        traceIDHex: traceHex, spanIDHex: spanHex, name: name, kind: Int(kind),
        startTimeUnixNano: Int64(start), endTimeUnixNano: Int64(end), isError: statusCode == 2,
        attributes: attributes))
  }

  /// Reason for a span without a start or end time.
  static let missingTime = "missing (required: ns since the Unix epoch)"
  /// Reason for a time above 2^63 − 1 ns (the int64 OTLP/JSON and the
  /// mapping use).
  static let timeRange = "expected a non-negative int64 (ns)"

  private func status(_ message: inout ProtobufReader, code: inout UInt64) throws(OTLPProtobufDecodeError) {
    typealias F = OTLPProtobufField.Status
    while !message.isAtEnd {
      let tag = try message.readTag()
      switch tag.field {
      case F.message:
        _ = try field(&message, tag, .lengthDelimited, under: "message", ProtobufReader.string)
      case F.code:
        code = try field(&message, tag, .varint, under: "code", ProtobufReader.varint)
      default: try message.skip(tag.wireType)
      }
    }
  }

  /// Counts one attribute value against ``OTLPProtobufLimits/maxAttributeValues``.
  private func count(_ values: inout Int, at reader: ProtobufReader) throws(OTLPProtobufDecodeError) {
    values += 1
    guard values <= limits.maxAttributeValues else {
      throw reader.error(
        "more than \(limits.maxAttributeValues) attribute values in one request", at: reader.offset)
    }
  }

  /// One `KeyValue`: its key ("" when absent) and value
  /// (``OTLPAnyValue/empty`` when absent), the value at nesting level
  /// `depth`. Counts one attribute value.
  private func keyValue(_ message: inout ProtobufReader, depth: Int, values: inout Int)
    throws(OTLPProtobufDecodeError) -> (String, OTLPAnyValue)
  {
    typealias F = OTLPProtobufField.KeyValue
    try count(&values, at: message)
    var key = ""
    var value = OTLPAnyValue.empty
    while !message.isAtEnd {
      let tag = try message.readTag()
      switch tag.field {
      case F.key:
        key = try field(&message, tag, .lengthDelimited, under: "key", ProtobufReader.string)
      case F.value:
        try within("value") { () throws(OTLPProtobufDecodeError) in
          try message.expect(.lengthDelimited, tag)
          var v = try message.readLengthDelimited()
          value = try anyValue(&v, depth: depth, values: &values)
        }
      default: try message.skip(tag.wireType)
      }
    }
    return (key, value)
  }

  /// One `AnyValue` at nesting level `depth` (1 for an attribute's value).
  /// Of several `oneof` members the last one written wins (protobuf's rule).
  /// The recursion (through arrays and key/value lists) is bounded by
  /// ``OTLPProtobufLimits/maxAnyValueDepth``.
  private func anyValue(_ message: inout ProtobufReader, depth: Int, values: inout Int)
    throws(OTLPProtobufDecodeError) -> OTLPAnyValue
  {
    typealias F = OTLPProtobufField.AnyValue
    guard depth <= limits.maxAnyValueDepth else {
      throw message.error("AnyValue nested deeper than \(limits.maxAnyValueDepth) levels", at: message.offset)
    }
    var value = OTLPAnyValue.empty
    while !message.isAtEnd {
      let tag = try message.readTag()
      switch tag.field {
      case F.stringValue:
        value = .string(
          try field(&message, tag, .lengthDelimited, under: "string_value", ProtobufReader.string))
      case F.boolValue:
        value = .bool(try field(&message, tag, .varint, under: "bool_value", ProtobufReader.varint) != 0)
      case F.intValue:
        value = .int(
          Int64(bitPattern: try field(&message, tag, .varint, under: "int_value", ProtobufReader.varint)))
      case F.doubleValue:
        value = .double(
          Double(
            bitPattern: try field(&message, tag, .fixed64, under: "double_value", ProtobufReader.fixed64)))
      case F.arrayValue:
        try within("array_value") { () throws(OTLPProtobufDecodeError) in
          let elements = try listElements(&message, tag, field: OTLPProtobufField.ArrayValue.values) {
            (element: inout ProtobufReader) throws(OTLPProtobufDecodeError) -> OTLPAnyValue in
            try count(&values, at: element)
            return try anyValue(&element, depth: depth + 1, values: &values)
          }
          value = .array(elements)
        }
      case F.kvlistValue:
        try within("kvlist_value") { () throws(OTLPProtobufDecodeError) in
          let pairs = try listElements(&message, tag, field: OTLPProtobufField.KeyValueList.values) {
            (kv: inout ProtobufReader) throws(OTLPProtobufDecodeError) -> OTLPKeyValue in
            let (k, v) = try keyValue(&kv, depth: depth + 1, values: &values)
            return OTLPKeyValue(key: k, value: v)
          }
          value = .keyValueList(pairs)
        }
      case F.bytesValue:
        value = .bytes(
          try field(&message, tag, .lengthDelimited, under: "bytes_value", ProtobufReader.lengthDelimited)
            .remainingBytes)
      default: try message.skip(tag.wireType)
      }
    }
    return value
  }

  /// An id's bytes as lowercase hex, or why it is invalid: wrong length
  /// (absent is 0 bytes) or all zero.
  static func identifier(_ reader: ProtobufReader?, byteCount: Int) -> Result<String, OTLPProblem> {
    guard let reader else { return .failure(OTLPProblem("0 bytes, expected \(byteCount)")) }
    let count = reader.end - reader.offset
    guard count == byteCount else { return .failure(OTLPProblem("\(count) bytes, expected \(byteCount)")) }
    let bytes = reader.bytes[reader.offset..<reader.end]
    guard bytes.contains(where: { $0 != 0 }) else { return .failure(OTLPProblem("all-zero id is invalid")) }
    let digits: StaticString = "0123456789abcdef"
    return .success(
      String(unsafeUninitializedCapacity: byteCount * 2) { out in
        digits.withUTF8Buffer { d in
          var k = 0
          for b in bytes {
            out[k] = d[Int(b >> 4)]
            out[k + 1] = d[Int(b & 15)]
            k += 2
          }
        }
        return byteCount * 2
      })
  }
}
