/// Seeds a registry that matches a scenario's simulated traffic, with a past
/// that reads like a real one, for `flightdeck demo`.
///
/// Every step goes through ``RegistryStore/perform(_:as:)``, so the seeded
/// history is in the audit log like any other. The store must run on
/// `clock`: the seed sets it to past instants step by step (from `now` − 14
/// days), so registrations, approvals and pointer moves carry believable
/// times, and leaves it at `now`.
///
/// What it writes, per scenario artefact except the one with the smallest
/// share (left unregistered on purpose, so the dashboard's "not registered"
/// flag shows):
/// - the artefact: tier `high` for agents, `medium` for prompts and for
///   models with a canary or shadow, else `low`; owner by kind;
/// - if the stable label ends in a number N > 1 (`v12`), the version before
///   it (`v11`), promoted to production 14 days ago, then the stable version,
///   promoted 3 days ago with the approvals its tier needs; otherwise the
///   stable version promoted 14 days ago;
/// - the canary version with the `canary` pointer and the scenario's weight;
///   the shadow version with a `shadow` pointer;
/// - for the first artefact whose tier needs two approvals and which has a
///   canary: a pending request (by `alice`, 20 minutes ago) to promote the
///   canary version to production.
public enum DemoRegistrySeed {
  /// The operators the seeded history names; `alice` is a release manager.
  public static let operators: [OperatorIdentity] = [
    OperatorIdentity(name: "alice", roles: ["release-manager"]),
    OperatorIdentity(name: "bob"),
    OperatorIdentity(name: "carol"),
  ]

  /// What was seeded.
  public struct Summary: Sendable, Hashable {
    /// Artefacts registered.
    public var artefacts: [String]
    /// The artefact left unregistered, if any.
    public var unregistered: String?
    /// The pending request, if one was made.
    public var pendingRequest: PromotionRequest?
  }

  /// Seeds `store` from `scenario`.
  /// - Parameters:
  ///   - store: An empty store running on `clock`.
  ///   - clock: The store's clock; moved through the past and left at `now`.
  ///   - now: The present.
  /// - Returns: What was seeded.
  /// - Throws: ``RegistryError`` when the store refuses a step (e.g. not empty).
  public static func seed(
    _ store: any RegistryStore, scenario: Scenario, clock: ManualClock, now: Timestamp
  ) throws -> Summary {
    let day: Int64 = 86_400_000
    let hour: Int64 = 3_600_000
    let (alice, bob, carol) = (operators[0], operators[1], operators[2])
    let smallest =
      scenario.artefacts.count > 1 ? scenario.artefacts.min { $0.share < $1.share }?.name : nil
    var summary = Summary(artefacts: [], unregistered: smallest, pendingRequest: nil)
    let policy = RiskPolicy.standard

    func at(_ t: Timestamp) { clock.set(t) }
    // The source of a seeded version: the scenario that simulates it
    // (`scenario:default/support-bot/v12`), not a made-up commit.
    func source(_ artefact: String, _ version: String) -> SourceReference {
      SourceReference(kind: .uri, value: "scenario:\(scenario.name)/\(artefact)/\(version)")
    }
    func promote(_ artefact: String, _ version: String, tier: RiskTier, reason: String, when t: Timestamp)
      throws
    {
      at(t)
      let out = try store.perform(
        .requestPromotion(
          artefact: artefact, version: version, target: .production, reason: reason, expectedFrom: nil),
        as: bob)
      guard let request = out.request, request.state == .pending else { return }
      let approvers =
        policy.rule(for: tier, pointer: .production).requiredRole == nil ? [carol, alice] : [alice, carol]
      for (i, approver) in approvers.prefix(request.rule.approvals).enumerated() {
        at(t.adding(milliseconds: Int64(i + 1) * 40 * 60_000))
        _ = try store.perform(
          .approve(requestID: request.id, comment: "checked the eval report"), as: approver)
      }
    }

    for spec in scenario.artefacts where spec.name != smallest {
      let tier: RiskTier =
        spec.kind == .agent
        ? .high : (spec.kind == .prompt || spec.canary != nil || spec.shadow != nil ? .medium : .low)
      let owner = spec.kind == .agent ? "agents-team" : (spec.kind == .prompt ? "prompt-eng" : "ml-platform")
      let start = now.adding(milliseconds: -14 * day)
      at(start)
      _ = try store.perform(
        .registerArtefact(
          name: spec.name, kind: spec.kind, owner: owner, riskTier: tier,
          description: "Seeded by flightdeck demo to match the simulated traffic"),
        as: alice)
      summary.artefacts.append(spec.name)
      let stable = spec.stable.version
      if let previous = previousLabel(stable) {
        at(start.adding(milliseconds: hour))
        _ = try store.perform(
          .registerVersion(
            artefact: spec.name, label: previous, source: source(spec.name, previous),
            tags: ["eval": "passed"], description: ""),
          as: bob)
        try promote(
          spec.name, previous, tier: tier, reason: "initial release",
          when: start.adding(milliseconds: 2 * hour))
        at(now.adding(milliseconds: -3 * day - 2 * hour))
        _ = try store.perform(
          .registerVersion(
            artefact: spec.name, label: stable, source: source(spec.name, stable),
            tags: ["eval": "passed"], description: ""),
          as: bob)
        try promote(
          spec.name, stable, tier: tier, reason: "\(stable) beat \(previous) in the offline eval",
          when: now.adding(milliseconds: -3 * day))
      } else {
        at(start.adding(milliseconds: hour))
        _ = try store.perform(
          .registerVersion(
            artefact: spec.name, label: stable, source: source(spec.name, stable),
            tags: [:], description: ""),
          as: bob)
        try promote(
          spec.name, stable, tier: tier, reason: "initial release", when: start.adding(milliseconds: 2 * hour)
        )
      }
      if let shadow = spec.shadow {
        at(now.adding(milliseconds: -2 * day))
        _ = try store.perform(
          .registerVersion(
            artefact: spec.name, label: shadow.version,
            source: source(spec.name, shadow.version), tags: ["candidate": "true"],
            description: ""),
          as: carol)
        _ = try store.perform(
          .requestPromotion(
            artefact: spec.name, version: shadow.version, target: try PointerName("shadow"),
            reason: "mirror \(Int((spec.mirrorFraction * 100).rounded())) % of traffic to the candidate",
            expectedFrom: nil),
          as: carol)
      }
      if let canary = spec.canary {
        at(now.adding(milliseconds: -day))
        _ = try store.perform(
          .registerVersion(
            artefact: spec.name, label: canary.version,
            source: source(spec.name, canary.version), tags: ["eval": "passed"],
            description: ""),
          as: bob)
        at(now.adding(milliseconds: -day + hour))
        _ = try store.perform(
          .requestPromotion(
            artefact: spec.name, version: canary.version, target: .canary, reason: "start the canary",
            expectedFrom: nil),
          as: bob)
        _ = try store.perform(
          .setCanaryWeight(
            artefact: spec.name, percent: Int(spec.canaryWeight.rounded()), reason: "first rollout step"),
          as: bob)
        let needsTwo = policy.rule(for: tier, pointer: .production).approvals >= 2
        if needsTwo, summary.pendingRequest == nil {
          at(now.adding(milliseconds: -20 * 60_000))
          let out = try store.perform(
            .requestPromotion(
              artefact: spec.name, version: canary.version, target: .production,
              reason: "\(canary.version) looked good in the canary overnight", expectedFrom: stable),
            as: alice)
          summary.pendingRequest = out.request
        }
      }
    }
    at(now)
    return summary
  }

  /// `v11` for `v12`; `nil` when the label does not end in a number above 1.
  static func previousLabel(_ label: String) -> String? {
    let digits = label.reversed().prefix { $0.isASCII && $0.isNumber }
    guard !digits.isEmpty, let n = Int(String(digits.reversed())), n > 1 else { return nil }
    return String(label.dropLast(digits.count)) + String(n - 1)
  }
}
