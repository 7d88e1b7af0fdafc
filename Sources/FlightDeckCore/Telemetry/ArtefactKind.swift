/// What kind of thing an artefact is: the three lifecycles FlightDeck runs.
public enum ArtefactKind: String, Sendable, Hashable, CaseIterable, Codable {
  /// A model (a weights file, a hosted model name).
  case model
  /// A prompt template.
  case prompt
  /// An agent (a prompt, tools and a model wired together).
  case agent
}
