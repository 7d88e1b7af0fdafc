import Foundation

/// Seeds a registry that matches a scenario's simulated traffic, with a past
/// that reads like a real one, for `flightdeck demo`.
///
/// Every step goes through ``RegistryStore/perform(_:as:)``, so the seeded
/// history is in the audit log like any other. The store must run on
/// `clock`: the seed plans each artefact's history (from `now` − 14 days,
/// each artefact five minutes after the previous one), then plays every step
/// in time order, setting the clock to each step's instant, so registrations,
/// approvals and pointer moves carry believable times that never go backwards
/// in the audit log; it leaves the clock at `now`.
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
/// - before each version goes to production (and before the canary version's
///   pending request), a `gate.check` by `bob` from a FlightDeck-format
///   evaluation (``demoEvaluation(artefact:version:)``, source `demo seed`)
///   that passes the store's gate policy in force for the standard policy's
///   every tier, so the seeded promotions are legitimate, not overrides;
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
    let gatePolicy = try store.gatePolicyInForce()

    // The history is planned per artefact, then played in time order across
    // artefacts, so the audit log's times never go backwards.
    var steps: [Step] = []
    func add(_ t: Timestamp, _ actor: OperatorIdentity, _ action: Step.Action) {
      steps.append(Step(at: t, order: steps.count, actor: actor, action: action))
    }
    // The source of a seeded version: the scenario that simulates it
    // (`scenario:default/support-bot/v12`), not a made-up commit.
    func source(_ artefact: String, _ version: String) -> SourceReference {
      SourceReference(kind: .uri, value: "scenario:\(scenario.name)/\(artefact)/\(version)")
    }
    func register(
      _ t: Timestamp, _ who: OperatorIdentity, _ artefact: String, _ version: String, _ tags: [String: String]
    ) {
      add(
        t, who,
        .perform(
          .registerVersion(
            artefact: artefact, label: version, source: source(artefact, version), tags: tags, description: ""
          )))
    }
    // The evaluation a version passed before it was promoted, 30 minutes before.
    func gateCheck(_ artefact: String, _ version: String, tier: RiskTier, when t: Timestamp) {
      let report = GateCheck.evaluate(
        policy: gatePolicy, tier: tier, results: [demoEvaluation(artefact: artefact, version: version)])
      add(
        t.adding(milliseconds: -30 * 60_000), bob,
        .perform(.recordGateResults(artefact: artefact, version: version, report: report)))
    }
    func promote(_ artefact: String, _ version: String, tier: RiskTier, reason: String, when t: Timestamp) {
      gateCheck(artefact, version, tier: tier, when: t)
      add(
        t, bob,
        .perform(
          .requestPromotion(
            artefact: artefact, version: version, target: .production, reason: reason, expectedFrom: nil)))
      let rule = policy.rule(for: tier, pointer: .production)
      let approvers = rule.requiredRole == nil ? [carol, alice] : [alice, carol]
      for (i, approver) in approvers.prefix(rule.approvals).enumerated() {
        add(
          t.adding(milliseconds: Int64(i + 1) * 40 * 60_000), approver,
          .approve(artefact: artefact, version: version, comment: "checked the eval report"))
      }
    }

    for (n, spec) in scenario.artefacts.enumerated() where spec.name != smallest {
      let tier: RiskTier =
        spec.kind == .agent
        ? .high : (spec.kind == .prompt || spec.canary != nil || spec.shadow != nil ? .medium : .low)
      let owner = spec.kind == .agent ? "agents-team" : (spec.kind == .prompt ? "prompt-eng" : "ml-platform")
      // Each artefact's story starts a few minutes after the previous one's.
      let start = now.adding(milliseconds: -14 * day + Int64(n) * 5 * 60_000)
      add(
        start, alice,
        .perform(
          .registerArtefact(
            name: spec.name, kind: spec.kind, owner: owner, riskTier: tier,
            description: "Seeded by flightdeck demo to match the simulated traffic")))
      summary.artefacts.append(spec.name)
      let stable = spec.stable.version
      if let previous = previousLabel(stable) {
        register(start.adding(milliseconds: hour), bob, spec.name, previous, ["eval": "passed"])
        promote(
          spec.name, previous, tier: tier, reason: "initial release",
          when: start.adding(milliseconds: 2 * hour))
        let later = now.adding(milliseconds: -3 * day + Int64(n) * 5 * 60_000)
        register(later.adding(milliseconds: -2 * hour), bob, spec.name, stable, ["eval": "passed"])
        promote(
          spec.name, stable, tier: tier, reason: "\(stable) beat \(previous) in the offline eval", when: later
        )
      } else {
        register(start.adding(milliseconds: hour), bob, spec.name, stable, [:])
        promote(
          spec.name, stable, tier: tier, reason: "initial release", when: start.adding(milliseconds: 2 * hour)
        )
      }
      if let shadow = spec.shadow {
        let t = now.adding(milliseconds: -2 * day + Int64(n) * 5 * 60_000)
        register(t, carol, spec.name, shadow.version, ["candidate": "true"])
        add(
          t.adding(milliseconds: 60_000), carol,
          .perform(
            .requestPromotion(
              artefact: spec.name, version: shadow.version, target: PointerName(unchecked: "shadow"),
              reason: "mirror \(Int((spec.mirrorFraction * 100).rounded())) % of traffic to the candidate",
              expectedFrom: nil)))
      }
      if let canary = spec.canary {
        let t = now.adding(milliseconds: -day + Int64(n) * 5 * 60_000)
        register(t, bob, spec.name, canary.version, ["eval": "passed"])
        add(
          t.adding(milliseconds: hour), bob,
          .perform(
            .requestPromotion(
              artefact: spec.name, version: canary.version, target: .canary, reason: "start the canary",
              expectedFrom: nil)))
        add(
          t.adding(milliseconds: hour + 60_000), bob,
          .perform(
            .setCanaryWeight(
              artefact: spec.name, percent: Int(spec.canaryWeight.rounded()), reason: "first rollout step")))
        let needsTwo = policy.rule(for: tier, pointer: .production).approvals >= 2
        if needsTwo, !steps.contains(where: { $0.isPending }) {
          gateCheck(spec.name, canary.version, tier: tier, when: now.adding(milliseconds: -20 * 60_000))
          add(
            now.adding(milliseconds: -20 * 60_000), alice,
            .pending(
              .requestPromotion(
                artefact: spec.name, version: canary.version, target: .production,
                reason: "\(canary.version) looked good in the canary overnight", expectedFrom: stable)))
        }
      }
    }

    var requests: [String: Int64] = [:]
    for step in steps.sorted(by: { ($0.at, $0.order) < ($1.at, $1.order) }) {
      clock.set(step.at)
      switch step.action {
      case .perform(let command), .pending(let command):
        let out = try store.run(command, as: step.actor)
        if let r = out.request { requests["\(r.artefact)@\(r.version)"] = r.id }
        if step.isPending { summary.pendingRequest = out.request }
      case .approve(let artefact, let version, let comment):
        // A tier that needs fewer approvals applied the request already.
        guard let id = requests["\(artefact)@\(version)"],
          let request = try store.requests(artefact: artefact, states: [.pending], limit: 50).first(where: {
            $0.id == id
          })
        else { continue }
        _ = try store.perform(.approve(requestID: request.id, comment: comment), as: step.actor)
      }
    }
    clock.set(now)
    return summary
  }

  /// One step of the seeded history.
  struct Step {
    /// What the step does.
    enum Action {
      /// Performs the command.
      case perform(RegistryCommand)
      /// Approves the newest request for `artefact@version`, if still pending.
      case approve(artefact: String, version: String, comment: String)
      /// Performs the command and keeps its request as the summary's pending one.
      case pending(RegistryCommand)
    }
    /// When.
    var at: Timestamp
    /// Tie-break: the order the steps were planned in.
    var order: Int
    /// Who.
    var actor: OperatorIdentity
    /// What.
    var action: Action

    /// Whether this is the pending-request step.
    var isPending: Bool {
      if case .pending = action { return true }
      return false
    }
  }

  /// The seeded evaluation of a version: FlightDeck gate results (as if read
  /// from `demo-eval.json`) with figures that meet ``GatePolicy/standard``
  /// at every tier, the strictest (`critical`) included: pass rate 0.99,
  /// error rate 0.004, accuracy 0.962, guardrail compliance 0.997, drift PSI
  /// 0.06, fairness gap 0.021; source `demo seed`. Its SHA-256 is that of
  /// the canonical JSON of those fields.
  public static func demoEvaluation(artefact: String, version: String) -> GateInput {
    let metrics: [String: Double] = [
      GateMetricName.passRate: 0.99, GateMetricName.errorRate: 0.004, GateMetricName.accuracy: 0.962,
      GateMetricName.guardrailCompliance: 0.997, GateMetricName.driftPSI: 0.06,
      GateMetricName.fairnessGap: 0.021,
    ]
    let text = CanonicalJSON.object([
      "artefact": .string(artefact), "version": .string(version), "source": "demo seed",
      "metrics": .object(metrics.mapValues { .string(GateNumber.canonical($0)) }),
    ])
    return GateInput(
      file: "demo-eval.json", format: .flightdeck, sha256: SourceReference.sha256(of: Data(text.utf8)).value,
      metrics: metrics, artefact: artefact, version: version, source: "demo seed")
  }

  /// `v11` for `v12`; `nil` when the label does not end in a number above 1.
  static func previousLabel(_ label: String) -> String? {
    let digits = label.reversed().prefix { $0.isASCII && $0.isNumber }
    guard !digits.isEmpty, let n = Int(String(digits.reversed())), n > 1 else { return nil }
    return String(label.dropLast(digits.count)) + String(n - 1)
  }
}
