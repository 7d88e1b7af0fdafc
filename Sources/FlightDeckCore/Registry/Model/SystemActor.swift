/// FlightDeck's own actors: who the audit log names for what no human did
/// at that moment — the rollout controller's steps and the judge's verdicts,
/// alert transitions and the incidents they open, request expiry.
///
/// Their names carry the reserved prefix `system:` (Kubernetes' convention
/// for its own users, e.g. `system:kube-controller-manager`). No human
/// identity may use it: the store refuses any command from an identity named
/// `system:…` that was not made with ``OperatorIdentity/system(_:)``, so
/// `FLIGHTDECK_USER=system:rollout-controller` cannot pass for the
/// controller. A system actor has no roles (it never approves) and may only
/// issue the commands of its job (``OperatorIdentity/system(_:)``).
public enum SystemActor: String, Sendable, Hashable, Codable, CaseIterable {
  /// The rollout controller: clock ticks, analysis measurements (the judge's
  /// verdicts) and what they cause (weights, the production request). The
  /// operator who started the rollout is named in each entry's details
  /// (`started_by`).
  case rolloutController = "system:rollout-controller"
  /// Alert evaluation: `alert.firing` / `alert.resolved`, incidents opened
  /// from alerts, and alerts joining open incidents.
  case alerting = "system:alerting"
  /// The registry's own housekeeping: promotion requests expiring undecided.
  case registry = "system:registry"
  /// The routing publisher: `routing.publish` (what it wrote to each
  /// target, with digests) and `routing.drift` (a target edited outside
  /// FlightDeck).
  case publisher = "system:publisher"

  /// The prefix no human identity may use.
  public static let reservedPrefix = "system:"

  /// Whether `name` is reserved for FlightDeck's own actors (starts with `system:`).
  public static func isReserved(_ name: String) -> Bool { name.hasPrefix(reservedPrefix) }

  /// The identity to perform commands as.
  public var identity: OperatorIdentity { .system(self) }
}
