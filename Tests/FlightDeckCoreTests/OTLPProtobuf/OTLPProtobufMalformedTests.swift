import FlightDeckTestSupport
import Testing

@testable import FlightDeckCore

/// Hand-written bodies that are not well-formed requests: each must be
/// refused with the error (byte offset, field path, reason) worked out by
/// hand from the bytes, never a crash.
@Suite struct OTLPProtobufMalformedTests {
  static let decoder = OTLPProtobufDecoder(prices: PriceTable(prices: [:]))

  static func error(_ body: [UInt8], limits: OTLPProtobufLimits = .default) -> OTLPProtobufDecodeError? {
    var d = decoder
    d.limits = limits
    do {
      _ = try d.decode(body)
      return nil
    } catch {
      return error
    }
  }

  /// `body` = request { resource_spans { scope_spans { spans { span } } } }
  /// with one-byte lengths, so the span's content starts at byte 6.
  static func wrapSpan(_ span: [UInt8]) -> [UInt8] {
    let scope: [UInt8] = [0x12, UInt8(span.count)] + span
    let resource: [UInt8] = [0x12, UInt8(scope.count)] + scope
    return [0x0A, UInt8(resource.count)] + resource
  }

  @Test func truncatedVarint() throws {
    // Tag 0x0A (field 1, LEN) at 0; its length varint starts at 1 with 0x80
    // (continuation bit) and the body ends.
    let e = try #require(Self.error([0x0A, 0x80]))
    #expect(e.offset == 1)
    #expect(e.field == "resource_spans[0]")
    #expect(e.reason == "truncated varint (the message ends after 1 of its bytes)")
    #expect(
      e.description == "byte 1: resource_spans[0]: truncated varint (the message ends after 1 of its bytes)")
    // A tag cut short at the top level.
    let tag = try #require(Self.error([0x0A, 0x00, 0xFA]))
    #expect(tag.offset == 2 && tag.field == "" && tag.reason.hasPrefix("truncated varint"))
  }

  @Test func lengthPastTheEnd() throws {
    // Length 5 at byte 1, but only bytes 2 and 3 follow.
    let e = try #require(Self.error([0x0A, 0x05, 0x12, 0x00]))
    #expect(e.offset == 1)
    #expect(e.field == "resource_spans[0]")
    #expect(e.reason == "length 5 runs past the end of the enclosing message (2 bytes left)")
    // Inside a span: trace_id (tag at 6) claims 16 bytes at byte 7; the span
    // message holds 2 more (bytes 8, 9), even though the body does not end there.
    let nested = Self.wrapSpan([0x0A, 0x10, 0x01, 0x02]) + [0x0A, 0x00]
    let n = try #require(Self.error(nested))
    #expect(n.offset == 7)
    #expect(n.field == "resource_spans[0].scope_spans[0].spans[0].trace_id")
    #expect(n.reason == "length 16 runs past the end of the enclosing message (2 bytes left)")
  }

  @Test func wrongWireTypeForAKnownField() throws {
    // kind (field 6, an enum: VARINT) sent as LEN: tag 0x32 at byte 6.
    let e = try #require(Self.error(Self.wrapSpan([0x32, 0x01, 0x03])))
    #expect(e.offset == 6)
    #expect(e.field == "resource_spans[0].scope_spans[0].spans[0].kind")
    #expect(e.reason == "wire type 2 (LEN), expected 0 (VARINT) for field 6")
    // start_time_unix_nano (field 7, fixed64: I64) sent as VARINT: tag 0x38.
    let t = try #require(Self.error(Self.wrapSpan([0x38, 0x05])))
    #expect(t.field == "resource_spans[0].scope_spans[0].spans[0].start_time_unix_nano")
    #expect(t.reason == "wire type 0 (VARINT), expected 1 (I64) for field 7")
    // resource_spans itself as VARINT.
    let r = try #require(Self.error([0x08, 0x01]))
    #expect(r.offset == 0 && r.field == "resource_spans[0]")
    #expect(r.reason == "wire type 0 (VARINT), expected 2 (LEN) for field 1")
  }

  @Test func varintOverflowAtTheTenthByte() throws {
    // kind: tag 0x30 at 6, then nine 0xFF and a tenth byte 0x02: 9 × 7 = 63
    // bits, and the tenth byte may add only bit 63 (value 0 or 1).
    let e = try #require(Self.error(Self.wrapSpan([0x30] + Array(repeating: 0xFF, count: 9) + [0x02])))
    #expect(e.offset == 7)
    #expect(e.field == "resource_spans[0].scope_spans[0].spans[0].kind")
    #expect(e.reason == "varint overflows 64 bits (10th byte 0x2)")
    // An 11-byte varint (the tenth byte continues) is refused the same way.
    let long = try #require(Self.error(Self.wrapSpan([0x30] + Array(repeating: 0xFF, count: 10) + [0x01])))
    #expect(long.offset == 7 && long.reason == "varint overflows 64 bits (10th byte 0xff)")
  }

  @Test func tenByteVarintAtTheLimitIsAValueNotAnError() throws {
    // 0xFF × 9, 0x01 = 2^64 − 1: well-formed, so the span is decoded and
    // rejected for its kind, not the body.
    var w = ProtobufTestWriter()
    w.varintField(6, UInt64.max)
    var span = ProtobufTestWriter.span(attributes: [
      ProtobufTestWriter.keyValue("gen_ai.request.model", string: "m")
    ])
    span += w.bytes  // a later kind wins
    let r = try Self.decoder.decode(ProtobufTestWriter.request(spans: [span]))
    #expect(r.records.isEmpty)
    #expect(
      r.errors == [
        TelemetryDecodeError(
          field: "resource_spans[0].scope_spans[0].spans[0].kind", reason: "unknown span kind")
      ])
  }

  @Test func groupsAndBadWireTypesAreRefused() throws {
    let g = try #require(Self.error([0x0B]))  // field 1, wire type 3
    #expect(g.offset == 0 && g.field == "")
    #expect(g.reason == "field 1: group (wire type 3, SGROUP) refused: OTLP uses no groups")
    let end = try #require(Self.error([0x0A, 0x00, 0x7C]))  // field 15, wire type 4
    #expect(
      end.offset == 2 && end.reason == "field 15: group (wire type 4, EGROUP) refused: OTLP uses no groups")
    let six = try #require(Self.error([0x0E]))  // field 1, wire type 6
    #expect(six.reason == "field 1: invalid wire type 6")
    let zero = try #require(Self.error([0x02, 0x00]))  // field 0
    #expect(zero.reason == "field number 0 out of range (1 to 536870911)")
  }

  @Test func anyValueNestedPastTheBoundIsRefused() throws {
    // Level 1 is the attribute's value; each array_value adds a level.
    func nested(levels: Int) -> [UInt8] {
      var value: [UInt8] = [0x0A, 0x01, 0x78]  // string_value "x"
      for _ in 1..<levels {
        var array = ProtobufTestWriter()
        array.message(1, value)  // ArrayValue.values
        var any = ProtobufTestWriter()
        any.message(5, array.bytes)  // AnyValue.array_value
        value = any.bytes
      }
      var kv = ProtobufTestWriter()
      kv.string(1, "deep")
      kv.message(2, value)
      return ProtobufTestWriter.request(spans: [ProtobufTestWriter.span(attributes: [kv.bytes])])
    }
    // 64 levels: decoded (the span is not GenAI: skipped).
    let ok = try Self.decoder.decode(nested(levels: 64))
    #expect(ok.skippedSpans == 1 && ok.errors.isEmpty)
    // 65 levels: refused where the 65th value starts — the innermost
    // string_value field, found independently as the last `0A 01 78`.
    let body = nested(levels: 65)
    let e = try #require(Self.error(body))
    let innermost = try #require(
      (0..<(body.count - 2)).last { body[$0] == 0x0A && body[$0 + 1] == 0x01 && body[$0 + 2] == 0x78 })
    #expect(e.offset == innermost)
    #expect(
      e.field == "resource_spans[0].scope_spans[0].spans[0].attributes[0].value"
        + String(repeating: ".array_value.values[0]", count: 64))
    #expect(e.reason == "AnyValue nested deeper than 64 levels")
    // A tighter bound applies the same way.
    let tight = try #require(Self.error(nested(levels: 4), limits: OTLPProtobufLimits(maxAnyValueDepth: 3)))
    #expect(tight.reason == "AnyValue nested deeper than 3 levels")
  }

  @Test func attributeCountBound() throws {
    let attrs = (0..<4).map { ProtobufTestWriter.keyValue("k\($0)", int: Int64($0)) }
    let body = ProtobufTestWriter.request(spans: [ProtobufTestWriter.span(attributes: attrs)])
    let e = try #require(Self.error(body, limits: OTLPProtobufLimits(maxAttributeValues: 3)))
    #expect(e.field == "resource_spans[0].scope_spans[0].spans[0].attributes[3]")
    #expect(e.reason == "more than 3 attribute values in one request")
    // Array elements count too: one attribute holding an array of 3 values is 4.
    var array = ProtobufTestWriter()
    for k in 0..<3 { array.message(1) { $0.varintField(3, UInt64(k)) } }
    var kv = ProtobufTestWriter()
    kv.string(1, "list")
    kv.message(2) { $0.message(5, array.bytes) }
    let listBody = ProtobufTestWriter.request(spans: [ProtobufTestWriter.span(attributes: [kv.bytes])])
    #expect(Self.error(listBody, limits: OTLPProtobufLimits(maxAttributeValues: 4)) == nil)
    let over = try #require(Self.error(listBody, limits: OTLPProtobufLimits(maxAttributeValues: 3)))
    #expect(
      over.field == "resource_spans[0].scope_spans[0].spans[0].attributes[0].value.array_value.values[2]")
  }

  @Test func invalidUTF8InAString() throws {
    // name (field 5) = C3 28: a 2-byte lead followed by a non-continuation.
    let e = try #require(Self.error(Self.wrapSpan([0x2A, 0x02, 0xC3, 0x28])))
    #expect(e.offset == 8)  // tag at 6, length at 7, bad byte at 8
    #expect(e.field == "resource_spans[0].scope_spans[0].spans[0].name")
    #expect(e.reason == "invalid UTF-8 in a string (at byte 8)")
  }

  @Test func truncatedFixed64() throws {
    // start_time_unix_nano tag 0x39 at 6, then 3 of its 8 bytes.
    let e = try #require(Self.error(Self.wrapSpan([0x39, 0x01, 0x02, 0x03])))
    #expect(e.offset == 7)
    #expect(e.field == "resource_spans[0].scope_spans[0].spans[0].start_time_unix_nano")
    #expect(e.reason == "truncated I64 value (3 bytes left, 8 needed)")
  }

  @Test func everyPrefixOfAValidBodyIsRefusedOrDecodedWithoutTrapping() throws {
    let span = ProtobufTestWriter.span(attributes: [
      ProtobufTestWriter.keyValue("gen_ai.request.model", string: "gpt-4o-mini"),
      ProtobufTestWriter.keyValue("gen_ai.usage.input_tokens", int: 12),
    ])
    let body = ProtobufTestWriter.request(
      resource: [ProtobufTestWriter.keyValue("service.name", string: "bot")], spans: [span, span])
    #expect(try Self.decoder.decode(body).records.count == 2)
    var refused = 0
    for n in 0..<body.count {
      if Self.error(Array(body[0..<n])) != nil { refused += 1 }
    }
    // Every proper prefix cuts inside the single top-level resource_spans
    // field (its tag at 0, its length at 1), except the empty prefix, which is
    // an empty request.
    #expect(refused == body.count - 1)
  }
}
