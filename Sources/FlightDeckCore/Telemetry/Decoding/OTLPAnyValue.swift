/// One OTLP attribute value, as both OTLP decoders (``OTLPDecoder`` for
/// OTLP/JSON, ``OTLPProtobufDecoder`` for OTLP/protobuf) hand it to the GenAI
/// mapping.
///
/// The cases are those of `opentelemetry.proto.common.v1.AnyValue`
/// (opentelemetry-proto, `opentelemetry/proto/common/v1/common.proto`: a
/// `oneof` of `string_value` = 1, `bool_value` = 2, `int_value` = 3
/// (int64), `double_value` = 4, `array_value` = 5, `kvlist_value` = 6,
/// `bytes_value` = 7), plus ``empty`` for an `AnyValue` with none set, which
/// the proto calls valid ("empty").
///
/// The mapping reads scalars only (strings, integers, doubles, booleans; see
/// `OTLPAnyValue+Mapping.swift`): arrays, key/value lists, bytes and empty
/// values are decoded, bounded, but to the mapping they are as good as absent,
/// as they always were for OTLP/JSON.
public indirect enum OTLPAnyValue: Sendable, Hashable {
  /// `string_value` (`stringValue` in OTLP/JSON).
  case string(String)
  /// `bool_value`.
  case bool(Bool)
  /// `int_value`, a signed 64-bit integer (a decimal string or a number in
  /// OTLP/JSON).
  case int(Int64)
  /// `double_value`, an IEEE 754 binary64.
  case double(Double)
  /// `bytes_value` (base64 in OTLP/JSON).
  case bytes([UInt8])
  /// `array_value`: the `values` of an `ArrayValue`, in order.
  case array([OTLPAnyValue])
  /// `kvlist_value`: the `values` of a `KeyValueList`, in order (duplicates
  /// kept as written).
  case keyValueList([OTLPKeyValue])
  /// An `AnyValue` with no field of its `oneof` set.
  case empty
}
