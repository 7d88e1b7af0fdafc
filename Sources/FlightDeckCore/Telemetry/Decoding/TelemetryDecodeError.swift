/// Why one input line (or one span, or one multi-line document) could not be
/// turned into telemetry records.
///
/// Line numbers are the caller's business: the decoder sees one line at a
/// time. For a multi-line OTLP document, `linesBeforeCurrent` says how many
/// lines before the line just fed the document started (0 = this line), so the
/// caller can report the document's first line.
public struct TelemetryDecodeError: Error, Sendable, Hashable, CustomStringConvertible {
  /// The offending field: a FlightDeck key (`latency_ms`), an OTLP attribute
  /// key (`gen_ai.usage.input_tokens`) or an OTLP path
  /// (`resourceSpans[0].scopeSpans[0].spans[1].traceId`). `nil` when the
  /// problem is the line as a whole (empty line, invalid JSON).
  public var field: String?
  /// Human-readable reason, e.g. `"missing required field"`, `"invalid UTF-8"`.
  public var reason: String
  /// For multi-line documents: how many lines before the current one the
  /// document started. 0 for single-line input.
  public var linesBeforeCurrent: Int

  /// Creates an error.
  public init(field: String?, reason: String, linesBeforeCurrent: Int = 0) {
    self.field = field
    self.reason = reason
    self.linesBeforeCurrent = linesBeforeCurrent
  }

  /// `field: reason`, or just `reason` when there is no field.
  public var description: String {
    if let field { return "\(field): \(reason)" }
    return reason
  }
}

extension TelemetryDecodeError {
  /// Reason strings shared by the fast scanner and the general decoder, so
  /// both classify a bad line identically.
  enum Reason {
    static let emptyLine = "empty line"
    /// The start of every invalid-JSON reason: `invalid JSON at column 17:
    /// …` (``JSONSyntaxError/reason``).
    static let invalidJSON = "invalid JSON"
    /// Whether `reason` says the text is not JSON (at whatever position).
    static func isInvalidJSON(_ reason: String) -> Bool { reason.hasPrefix(invalidJSON) }
    /// Foundation's `JSONSerialization` refused a text ``StrictJSONReader``
    /// accepted (which checks Foundation's limits too: not expected to
    /// happen). Foundation's own text is not shown: on Linux it is not
    /// written for operators and names no position.
    static let foundationRefused =
      "invalid JSON: refused by Foundation's JSON reader after the strict checks passed (no position known)"
    static let invalidUTF8 = "invalid UTF-8"
    static let notAnObject = "not a JSON object"
    static let missing = "missing required field"
    static let expectedString = "expected a string"
    static let expectedNumber = "expected a number"
    static let notEmpty = "must not be empty"
    static let nonNegative = "must be >= 0"
    static let finite = "must be a finite number"
    static let nonNegativeInteger = "must be a non-negative integer"
    static let unitInterval = "must be between 0 and 1"
    static let timestamp = "invalid RFC 3339 timestamp"
    static let kind = "expected one of model, prompt, agent"
    static let route = "expected one of stable, canary, shadow"
    static let status = "expected one of ok, error, timeout"
    static let guardrail = "expected one of pass, fail"
    static let cacheReadExceedsInput = "exceeds input_tokens (input_tokens count cached tokens too)"
    static let cacheExceedsInput =
      "cache_read_tokens + cache_write_tokens exceed input_tokens (input_tokens count cached tokens too)"
    static let reasoningExceedsOutput =
      "exceeds output_tokens (output_tokens count reasoning tokens too)"
    static let ttftExceedsLatency =
      "exceeds latency_ms (the first token cannot come after the call ended)"
    static let byteOrderMark =
      "byte-order mark (U+FEFF): not JSON whitespace, and not accepted inside strings"
    static let duplicateKey = "duplicate key (I-JSON, RFC 7493 §2.3: names must be unique)"
    static func duplicateNestedKey(_ name: String) -> String {
      "duplicate key \"\(name)\" in a nested object (I-JSON, RFC 7493 §2.3: names must be unique)"
    }
  }
}
