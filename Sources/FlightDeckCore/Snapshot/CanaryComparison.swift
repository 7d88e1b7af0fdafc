/// Canary versus stable for one artefact, as the Canary pane shows it.
public struct CanaryComparison: Sendable, Hashable {
  /// Artefact name (untrusted text).
  public var artefact: String
  /// The split: one entry per (version, route), shares as in ``VersionSummary``.
  public var split: [VersionSummary]
  /// The stable leg merged over its versions, if any.
  public var stable: WindowStats?
  /// The canary leg merged over its versions, if any.
  public var canary: WindowStats?
  /// The shadow leg, if any. Its cost is real and shown apart; its results
  /// are never user-facing.
  public var shadow: WindowStats?

  /// Creates a comparison.
  public init(
    artefact: String, split: [VersionSummary], stable: WindowStats?, canary: WindowStats?,
    shadow: WindowStats?
  ) {
    self.artefact = artefact
    self.split = split
    self.stable = stable
    self.canary = canary
    self.shadow = shadow
  }
}
