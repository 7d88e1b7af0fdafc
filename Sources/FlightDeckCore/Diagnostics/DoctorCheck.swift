/// One of `flightdeck doctor`'s checks: what was checked and its outcome,
/// in words an operator can act on. Never holds a secret's value.
public struct DoctorCheck: Sendable, Hashable {
  /// What kind of thing: `configuration`, `rules`, `themes`, `secret`,
  /// `store`, `identity`, `listen`, `folder`, `log`.
  public var area: String
  /// Which one: a configuration key and its file or address
  /// (`receiver.token_file`, `controller.listen 127.0.0.1:9465`).
  public var subject: String
  /// The outcome.
  public var outcome: DoctorOutcome
  /// What was found, and for a warning or failure what to do.
  public var detail: String

  /// Creates a check.
  public init(area: String, subject: String, outcome: DoctorOutcome, detail: String) {
    self.area = area
    self.subject = subject
    self.outcome = outcome
    self.detail = detail
  }

  /// The process exit status for a set of checks: 1 when any failed, else 0
  /// (warnings do not fail a deployment check, as `brew doctor`'s and
  /// `kubeadm`'s preflight warnings do not).
  public static func exitStatus(_ checks: [DoctorCheck]) -> Int32 {
    checks.contains { $0.outcome == .fail } ? 1 : 0
  }
}
