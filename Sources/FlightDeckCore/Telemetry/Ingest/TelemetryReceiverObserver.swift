/// Told how a telemetry receiver (the OTLP/HTTP receiver) answered each
/// request it handled: the request and span counts of a `/metrics`
/// exposition, fed from where the answer is made, without the core
/// knowing how they are exposed.
///
/// Calls may come from any thread, concurrently.
public protocol TelemetryReceiverObserver: Sendable {
  /// One request was answered with HTTP `status` (200, 400, 401, 404, 405,
  /// 413, 415, 429, 503). Only a 200 carries spans: `acceptedSpans` became
  /// records the sink made durable, `rejectedSpans` were invalid (the
  /// response's `partial_success.rejected_spans`); spans FlightDeck skips on
  /// purpose (not GenAI) are in neither. A refused request (any other
  /// status) has 0 and 0: its client sends it again.
  func receiverAnswered(status: Int, acceptedSpans: Int, rejectedSpans: Int)
}
