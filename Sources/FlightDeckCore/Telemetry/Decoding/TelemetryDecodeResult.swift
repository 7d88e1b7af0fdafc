/// What `TelemetryLineDecoder` made of one line.
///
/// A FlightDeck line gives one record or one error. An OTLP line or document
/// gives 0…n records (one per GenAI span), a count of spans skipped because
/// they carry no GenAI model, and one error per span (or per document) that
/// could not be decoded. While a multi-line document is being collected the
/// result is `isPending` with nothing else.
public struct TelemetryDecodeResult: Sendable, Hashable {
  /// Decoded records, in input order.
  public var records: [TelemetryRecord]
  /// OTLP spans without GenAI attributes (not errors).
  public var skippedSpans: Int
  /// Problems; line numbers are the caller's (see
  /// `TelemetryDecodeError.linesBeforeCurrent` for documents).
  public var errors: [TelemetryDecodeError]
  /// `true` when the line was taken into an unfinished multi-line document.
  public var isPending: Bool

  /// Creates a result.
  public init(
    records: [TelemetryRecord] = [], skippedSpans: Int = 0, errors: [TelemetryDecodeError] = [],
    isPending: Bool = false
  ) {
    self.records = records
    self.skippedSpans = skippedSpans
    self.errors = errors
    self.isPending = isPending
  }

  /// One record.
  public static func record(_ r: TelemetryRecord) -> TelemetryDecodeResult {
    TelemetryDecodeResult(records: [r])
  }

  /// One error.
  public static func malformed(_ e: TelemetryDecodeError) -> TelemetryDecodeResult {
    TelemetryDecodeResult(errors: [e])
  }

  /// A line absorbed into a pending document.
  public static let pending = TelemetryDecodeResult(isPending: true)
}
