/// What a successful ``RegistryCommand`` did.
public struct RegistryOutcome: Sendable, Hashable {
  /// One sentence for the status line or terminal, e.g.
  /// `"REQ-4 approved by bob (2/2): support-bot production v12 → v13"`.
  public var message: String
  /// The request created or decided, as it is after the command.
  public var request: PromotionRequest?
  /// Pointer moves the command made, in order.
  public var moves: [PointerMove]
  /// Audit sequence numbers appended (empty when the command changed nothing).
  public var auditSequences: [Int64]
  /// Notes worth showing (import conflicts such as two versions in Production).
  public var warnings: [String]
  /// The rollout a rollout command started or drove, as it is after the command.
  public var rollout: RolloutRecord?
  /// The effects the rollout's state machine asked for, in order (all but
  /// `.measure` are already applied in the store; `.measure` asks a driver to
  /// take a measurement and send ``RolloutEvent/measurement(_:)``).
  public var rolloutEffects: [RolloutEffect]
  /// The incident an incident command opened or changed, as it is after the command.
  public var incident: Incident?

  /// Creates an outcome.
  public init(
    message: String, request: PromotionRequest? = nil, moves: [PointerMove] = [],
    auditSequences: [Int64] = [],
    warnings: [String] = [], rollout: RolloutRecord? = nil, rolloutEffects: [RolloutEffect] = [],
    incident: Incident? = nil
  ) {
    self.incident = incident
    self.message = message
    self.request = request
    self.moves = moves
    self.auditSequences = auditSequences
    self.warnings = warnings
    self.rollout = rollout
    self.rolloutEffects = rolloutEffects
  }

  /// Whether the rollout asks for an analysis measurement now.
  public var measurementDue: Bool { rolloutEffects.contains(.measure) }

  /// Whether the command changed the store.
  public var changed: Bool { !auditSequences.isEmpty }
}
