/// The format of a gate input file.
public enum GateInputFormat: String, Sendable, Hashable, Codable, CaseIterable {
  /// `promptfoo eval -o results.json` output (results format 2 or 3); see
  /// ``PromptfooResultsReader``.
  case promptfoo
  /// FlightDeck's own gate-results JSON; see ``FlightDeckGateResultsReader``.
  case flightdeck
}
