/// One (version, route) of an artefact over the window.
public struct VersionSummary: Sendable, Hashable {
  /// Version label (untrusted text).
  public var version: String
  /// Traffic leg.
  public var route: Route
  /// For `stable`/`canary`: this series' share of the artefact's user-facing
  /// requests, 0…1. For `shadow`: mirrored requests divided by user-facing
  /// requests (the mirror fraction).
  public var trafficShare: Double
  /// Figures over the window.
  public var stats: WindowStats

  /// Creates a version summary.
  public init(version: String, route: Route, trafficShare: Double, stats: WindowStats) {
    self.version = version
    self.route = route
    self.trafficShare = trafficShare
    self.stats = stats
  }
}
