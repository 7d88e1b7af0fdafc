import FlightDeckCore

/// Telemetry paths as the batch commands take them (`analysis show`,
/// `alerts eval`, `retro --telemetry`, `kpi --telemetry`, `rollout drive`):
/// files, `-` for standard input, folders and globs, by
/// ``TelemetryPathExpansion/expand(_:)``'s rule, the same as `replay`'s.
enum TelemetryPaths {
  /// The files `paths` name.
  /// - Throws: `CLIError` naming the first path that matches nothing or is
  ///   not a regular file or folder.
  static func expand(_ paths: [String]) throws -> [String] {
    do {
      return try TelemetryPathExpansion.expand(paths)
    } catch let error as TelemetryPathExpansion.PathError {
      throw CLIError(error.description)
    }
  }
}
