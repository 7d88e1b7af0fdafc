/// A JSON value as ``OTLPJSONTraceReader`` found it, classified as Foundation's
/// `JSONSerialization` classifies it (so the OTLP/JSON rules of
/// ``OTLPDecoder`` read it the same way on either path).
enum OTLPJSONScalar: Sendable, Hashable {
  /// A string: the bytes between its quotes (valid UTF-8), and whether they
  /// hold escapes.
  case string(Range<Int>, escaped: Bool)
  /// A number written as an integer (no fraction, no exponent) within int64:
  /// Foundation's integer `NSNumber`.
  case integer(Int64)
  /// A number written with a fraction or an exponent, correctly rounded:
  /// Foundation's double `NSNumber`.
  case double(Double)
  /// `true` or `false`.
  case bool(Bool)
  /// `null`.
  case null
  /// An array or object (checked, not kept).
  case container
}
