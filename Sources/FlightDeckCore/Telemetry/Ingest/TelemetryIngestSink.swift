/// Where a receiver (the OTLP/HTTP receiver of `flightdeck receive` and
/// `flightdeck dashboard --otlp-listen`) hands the records it decoded from one
/// request body.
///
/// The contract is the receiver's acknowledgement: ``append(_:)`` returns only
/// once every record of the call is durable (written and `fsync`ed to the
/// data folder's current file), so a receiver that answers 200 after it
/// returns never acknowledges a span that a crash could lose. A sink is
/// bounded: when it cannot take more without growing past its queue, it
/// refuses with ``TelemetryIngestRefusal/behind(retryAfterSeconds:)`` at once
/// rather than waiting or buffering, and the receiver answers 429 with
/// `Retry-After`.
public protocol TelemetryIngestSink: Sendable {
  /// Appends `records` (one request body's, in wire order) and returns once
  /// they are durable.
  ///
  /// - Parameter records: the records; an empty array returns at once.
  /// - Throws: ``TelemetryIngestRefusal/behind(retryAfterSeconds:)`` when the
  ///   queue is full (nothing of `records` was written);
  ///   ``TelemetryIngestRefusal/unavailable(reason:)`` when writing failed
  ///   (disk full, permissions; nothing of `records` is acknowledged).
  func append(_ records: [TelemetryRecord]) async throws(TelemetryIngestRefusal)
}
