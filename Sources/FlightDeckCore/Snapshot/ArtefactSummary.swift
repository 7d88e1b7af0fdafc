/// An artefact seen in telemetry, with the versions serving it.
public struct ArtefactSummary: Sendable, Hashable {
  /// Artefact name (untrusted text).
  public var name: String
  /// Kind, as the most recent record said.
  public var kind: ArtefactKind
  /// Each (version, route) live in the window, sorted by route then version.
  public var versions: [VersionSummary]
  /// All user-facing routes (stable + canary) merged.
  public var total: WindowStats

  /// Creates an artefact summary.
  public init(name: String, kind: ArtefactKind, versions: [VersionSummary], total: WindowStats) {
    self.name = name
    self.kind = kind
    self.versions = versions
    self.total = total
  }
}
