import FlightDeckCore

/// The identity of a selectable row, so a selection survives reordering.
///
/// Registry rows are (artefact, version); Canary rows are artefacts;
/// Ingest-error rows are (path, line).
public enum RowKey: Sendable, Hashable {
  /// A (version, route) series.
  case series(SeriesKey)
  /// A version row of the Registry (registry and telemetry merged).
  case version(artefact: String, version: String)
  /// An artefact row (Canary pane).
  case artefact(String)
  /// An ingestion error (file path and line).
  case ingestError(path: String, line: Int)
  /// An alert instance (Alerts pane), by fingerprint.
  case alert(fingerprint: String)
  /// An incident (Incidents pane), by number.
  case incident(Int64)

  /// The artefact the row belongs to, if any.
  public var artefact: String? {
    switch self {
    case .series(let key): return key.artefact
    case .artefact(let name): return name
    case .version(let artefact, _): return artefact
    case .ingestError, .alert, .incident: return nil
    }
  }
}
