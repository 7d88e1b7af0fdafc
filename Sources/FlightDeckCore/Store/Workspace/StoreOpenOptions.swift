/// What a store is opened with, whatever its backend.
public struct StoreOpenOptions: Sendable {
  /// The source of "now" for audit entries, pointer moves and expiry.
  public var clock: any FlightDeckClock
  /// The approvals promotions need, until the store has a policy in force.
  public var policy: RiskPolicy
  /// The evaluation gates a move of `production` needs, until the store has
  /// a gate policy in force.
  public var gatePolicy: GatePolicy
  /// Whether only reads are allowed: nothing is written, not even a schema
  /// migration (a backend may still upgrade an old schema first when it can
  /// write, so that a newer binary reads an older store).
  public var readOnly: Bool

  /// Options with the standard policies, for writing.
  public init(
    clock: any FlightDeckClock, policy: RiskPolicy = .standard, gatePolicy: GatePolicy = .standard,
    readOnly: Bool = false
  ) {
    self.clock = clock
    self.policy = policy
    self.gatePolicy = gatePolicy
    self.readOnly = readOnly
  }
}
