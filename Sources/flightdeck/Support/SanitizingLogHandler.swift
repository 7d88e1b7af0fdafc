import FlightDeckTUI
import Logging

/// A log handler that makes every message and metadata value safe for a
/// terminal or a log file before handing it on (``Sanitizer/sanitize(_:)``:
/// control characters, ESC among them, shown visibly): `serve` logs paths it
/// follows and receiver errors, which come from outside (a file named with an
/// escape sequence must not recolour or rewrite the operator's terminal).
struct SanitizingLogHandler: LogHandler {
  /// The handler that writes (swift-log's `StreamLogHandler` on standard error).
  var wrapped: any LogHandler

  var logLevel: Logger.Level {
    get { wrapped.logLevel }
    set { wrapped.logLevel = newValue }
  }

  var metadata: Logger.Metadata {
    get { wrapped.metadata }
    set { wrapped.metadata = newValue.mapValues(Self.clean) }
  }

  subscript(metadataKey key: String) -> Logger.Metadata.Value? {
    get { wrapped[metadataKey: key] }
    set { wrapped[metadataKey: key] = newValue.map(Self.clean) }
  }

  func log(event: LogEvent) {
    var event = event
    event.message = "\(Sanitizer.sanitize(event.message.description))"
    event.metadata = event.metadata?.mapValues(Self.clean)
    wrapped.log(event: event)
  }

  /// `value` with every string in it sanitised.
  static func clean(_ value: Logger.Metadata.Value) -> Logger.Metadata.Value {
    switch value {
    case .string(let s): .string(Sanitizer.sanitize(s))
    case .stringConvertible(let c): .string(Sanitizer.sanitize(c.description))
    case .array(let a): .array(a.map(clean))
    case .dictionary(let d): .dictionary(d.mapValues(clean))
    }
  }
}
