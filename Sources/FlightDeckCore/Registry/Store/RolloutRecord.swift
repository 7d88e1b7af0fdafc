/// One rollout as the registry stores it: the plan, the state machine's
/// state after the last event, and who started it when.
public struct RolloutRecord: Sendable, Hashable {
  /// The store's id (increasing; shown as `RO-<id>`).
  public var id: Int64
  /// The artefact rolled out.
  public var artefact: String
  /// The plan (canary version, steps, mirroring, routing key).
  public var plan: RolloutPlan
  /// The state after the last event (phase, step, canary weight in percent, message).
  public var state: RolloutState
  /// When it was started (the store clock).
  public var startedAt: Timestamp
  /// Who started it.
  public var startedBy: String
  /// When its state last changed.
  public var updatedAt: Timestamp

  /// Creates a record.
  public init(
    id: Int64, artefact: String, plan: RolloutPlan, state: RolloutState, startedAt: Timestamp,
    startedBy: String, updatedAt: Timestamp
  ) {
    self.id = id
    self.artefact = artefact
    self.plan = plan
    self.state = state
    self.startedAt = startedAt
    self.startedBy = startedBy
    self.updatedAt = updatedAt
  }

  /// `RO-<id>`, as messages and the audit log name it.
  public var displayID: String { "RO-\(id)" }

  /// Parses `RO-3`, `ro-3` or `3`: strict digits after the prefix
  /// (``OptionBounds/parseIdentifier(_:prefix:)``).
  /// - Returns: `nil` for anything else (or a number below 1).
  public static func parseID(_ text: String) -> Int64? { OptionBounds.parseIdentifier(text, prefix: "RO") }

  /// Whether the rollout is over (promoted or aborted; an aborted one can still be retried).
  public var isFinished: Bool { state.phase.isFinished }
}
