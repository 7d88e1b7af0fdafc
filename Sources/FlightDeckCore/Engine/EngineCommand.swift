/// A command from the user interface to the engine.
///
/// Key presses become `AppEffect`s in the TUI; those that concern the engine
/// are translated into these commands and applied with
/// ``DashboardEngine/apply(_:)``.
public enum EngineCommand: Sendable, Hashable {
  /// Freeze (`true`) or resume (`false`) snapshot building. Ingestion goes
  /// on while paused, so nothing is lost; only the picture stops moving.
  case setPaused(Bool)
  /// The artefact the user selected. Its charts are always computed; with
  /// more than ``DashboardEngine/chartAllArtefactsLimit`` artefacts, only its.
  case selectArtefact(String?)
}
