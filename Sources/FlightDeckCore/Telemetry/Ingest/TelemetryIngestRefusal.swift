/// Why a ``TelemetryIngestSink`` did not take a batch of records.
///
/// A receiver maps these onto HTTP the way the OTLP/HTTP specification asks
/// for retryable failures ("Failures" and "Throttling" in
/// opentelemetry.io/docs/specs/otlp/#otlphttp-response): `behind` → 429 Too
/// Many Requests with `Retry-After`, `unavailable` → 503 Service Unavailable
/// with `Retry-After`; both tell a conforming exporter to retry the same
/// batch later.
public enum TelemetryIngestRefusal: Error, Sendable, Hashable {
  /// The sink's bounded queue is full; nothing was written. Retry after the
  /// given number of seconds (≥ 1).
  case behind(retryAfterSeconds: Int)
  /// Writing failed (disk full, permissions, a closed sink); nothing of the
  /// batch is acknowledged. `reason` is for the log and the response
  /// message, never a secret.
  case unavailable(reason: String)
}
