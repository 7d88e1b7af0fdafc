/// Told what each followed source gave the engine's decoders (``DashboardEngine/sourceObserver``):
/// the per-source counts of a `/metrics` exposition, fed from where the
/// lines are decoded, without the core knowing how they are exposed.
///
/// Calls come on the engine's thread, one per decoded batch of a source.
public protocol TelemetrySourceObserver: Sendable {
  /// `records` telemetry records were decoded from `source` (the followed
  /// path, as the engine's source status names it) and `malformedLines`
  /// lines of it could not be decoded (each one an ingest error naming its
  /// file and line). Both are at least 0; one may be 0.
  func sourceDecoded(source: String, records: Int, malformedLines: Int)
}
