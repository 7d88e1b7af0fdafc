/// How the GenAI mapping (``OTLPDecoder``) reads an attribute value, the same
/// for OTLP/JSON and OTLP/protobuf.
extension OTLPAnyValue {
  /// `true` for the scalar kinds the mapping reads (string, bool, int,
  /// double). An array, key/value list, bytes or empty value is treated as
  /// an absent attribute.
  var isMappedScalar: Bool {
    switch self {
    case .string, .bool, .int, .double: true
    case .bytes, .array, .keyValueList, .empty: false
    }
  }

  /// The text of a string value (names: model, artefact, version, route…);
  /// `nil` for every other kind, so an `int_value` never names a model.
  var mappedString: String? {
    if case .string(let s) = self { return s }
    return nil
  }

  /// The value as a token count or other integer: an `int_value`; a
  /// `double_value` with no fractional part within ±9.2 × 10^18; a
  /// `string_value` of decimal digits (`Int64(_:)`). `nil` otherwise
  /// (booleans included).
  var mappedInteger: Int64? {
    switch self {
    case .int(let n): return n
    case .double(let d):
      guard d.rounded(.towardZero) == d, abs(d) < 9.2e18 else { return nil }
      return Int64(exactly: d)
    case .string(let s): return Int64(s)
    case .bool, .bytes, .array, .keyValueList, .empty: return nil
    }
  }
}
