/// The outcome of one request.
public enum RequestStatus: String, Sendable, Hashable, CaseIterable, Codable {
  /// Completed successfully.
  case ok
  /// Failed with an error (see `TelemetryRecord.errorType`).
  case error
  /// Gave up after the artefact's timeout.
  case timeout
}
