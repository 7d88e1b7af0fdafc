/// The verdict drill-down (Enter on a Canary pane row): which artefact's
/// latest rollout is shown and how far the metric rows are scrolled. The
/// rollout itself is read from the registry snapshot when drawn, so the
/// overlay follows new measurements live.
public struct VerdictOverlayState: Sendable, Hashable {
  /// The artefact shown.
  public var artefact: String
  /// The first metric row shown (0: the first metric).
  public var offset: Int = 0

  /// Creates the overlay state for `artefact`, scrolled to the top.
  public init(artefact: String) { self.artefact = artefact }
}
