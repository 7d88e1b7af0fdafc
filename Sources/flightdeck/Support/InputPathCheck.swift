import FlightDeckCore

/// Refuses dashboard paths that match nothing before the screen starts, so a
/// typo is an error naming it rather than an empty dashboard.
enum InputPathCheck {
  /// Checks every pattern by ``TelemetryPathExpansion/checkFollowable(_:)``:
  /// an existing file or folder, or a glob matching a regular file now.
  /// - Throws: `CLIError` naming the first pattern that matches nothing.
  static func check(_ patterns: [String]) throws {
    do {
      try TelemetryPathExpansion.checkFollowable(patterns)
    } catch let error as TelemetryPathExpansion.PathError {
      throw CLIError(error.description)
    }
  }
}
