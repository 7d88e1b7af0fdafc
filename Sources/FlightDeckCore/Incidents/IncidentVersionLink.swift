/// A version an incident is linked to (the one suspected, or the one to roll back).
public struct IncidentVersionLink: Sendable, Hashable, Codable {
  /// The artefact's name.
  public var artefact: String
  /// The version label.
  public var label: String

  /// Creates a link.
  public init(artefact: String, label: String) {
    self.artefact = artefact
    self.label = label
  }
}
