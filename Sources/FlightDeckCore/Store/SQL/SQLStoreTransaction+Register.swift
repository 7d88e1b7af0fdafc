import Foundation

extension SQLStoreTransaction {
  /// Validates tags: keys 1–128 characters, values up to 500, no control characters.
  static func validateTags(_ tags: [String: String]) throws {
    for (key, value) in tags.sorted(by: { $0.key < $1.key }) {
      try RegistryNames.validateText(key, field: "tag key", max: 128, required: true)
      try RegistryNames.validateText(value, field: "tag \(RegistryNames.quoted(key))", max: 500)
    }
  }

  /// Validates a source reference's value: 1–500 characters, no control characters.
  static func validateSource(_ source: SourceReference?) throws {
    guard let source else { return }
    try RegistryNames.validateText(source.value, field: "source", max: 500, required: true)
  }

  /// The canonical JSON of a version's content (what the audit entry records).
  static func versionJSON(source: SourceReference?, tags: [String: String], description: String) -> String {
    CanonicalJSON.object([
      "source": .optional(source?.text),
      "tags": .object(tags.mapValues { .string($0) }),
      "description": .string(description),
    ])
  }

  /// Registers a new artefact.
  func registerArtefact(name: String, kind: ArtefactKind, owner: String, tier: RiskTier, description: String)
    throws -> RegistryOutcome
  {
    try RegistryNames.validateArtefact(name)
    try RegistryNames.validateText(owner, field: "owner", max: 200)
    try RegistryNames.validateText(description, field: "description")
    if try SQLStoreRows.artefact(session, name) != nil {
      throw RegistryError(.alreadyExists, "an artefact named \(name) is already registered")
    }
    try insertArtefact(name: name, kind: kind, owner: owner, tier: tier, description: description, reason: "")
    return RegistryOutcome(
      message:
        "registered \(kind.rawValue) \(name) (owner \(owner.isEmpty ? "none" : owner), \(tier.rawValue) risk)"
    )
  }

  /// Inserts the artefact row and audits `artefact.register`.
  func insertArtefact(
    name: String, kind: ArtefactKind, owner: String, tier: RiskTier, description: String, reason: String
  ) throws {
    try session.execute(
      """
      INSERT INTO artefact (name, kind, owner, risk_tier, description, created_at, created_by, canary_weight)
      VALUES (?, ?, ?, ?, ?, ?, ?, 0)
      """,
      binding: [
        name, kind.rawValue, owner, tier.rawValue, description, now.millisecondsSinceEpoch, actor.name,
      ])
    try audit(
      .artefactRegister, subject: name, before: nil,
      after: CanonicalJSON.object([
        "kind": .string(kind.rawValue), "owner": .string(owner), "riskTier": .string(tier.rawValue),
        "description": .string(description),
      ]), reason: reason)
  }

  /// Registers a new, immutable version of an artefact, with its prompt
  /// template's text when `template` is given (source: its `sha256:`).
  func registerVersion(
    artefact: String, label: String, source given: SourceReference?, tags: [String: String],
    description: String, template text: String?
  ) throws -> RegistryOutcome {
    _ = try requireArtefact(artefact)
    try RegistryNames.validateVersion(label)
    var source = given
    let template = try text.map { text throws(RegistryError) in try PromptTemplate(text) }
    if let template {
      if let given, given != template.sourceReference {
        throw RegistryError(
          .invalidInput(field: "template"),
          "the source \(RegistryNames.quoted(given.text)) is not the template's digest \(template.sourceReference.text); give the template alone"
        )
      }
      source = template.sourceReference
    }
    try Self.validateSource(source)
    try Self.validateTags(tags)
    try RegistryNames.validateText(description, field: "description")
    if try SQLStoreRows.version(session, artefact, label) != nil {
      throw RegistryError(
        .alreadyExists,
        "\(artefact) \(label) is already registered; versions are immutable, so register a new label")
    }
    try insertVersion(
      artefact: artefact, label: label, createdAt: now, createdBy: actor.name, source: source, tags: tags,
      description: description, reason: "")
    if let template {
      try session.execute(
        "INSERT INTO version_template (artefact, label, sha256, body) VALUES (?, ?, ?, ?)",
        binding: [artefact, label, template.digest, template.text])
    }
    return RegistryOutcome(
      message:
        "registered \(artefact) \(label)\(source.map { " from \($0.text)" } ?? "")"
        + (template.map { " with its template (\($0.text.utf8.count) bytes)" } ?? ""))
  }

  /// Inserts the version row and audits `version.register`.
  func insertVersion(
    artefact: String, label: String, createdAt: Timestamp, createdBy: String, source: SourceReference?,
    tags: [String: String], description: String, reason: String
  ) throws {
    try session.execute(
      """
      INSERT INTO version (artefact, label, created_at, created_by, source_kind, source_value, tags, description)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?)
      """,
      binding: [
        artefact, label, createdAt.millisecondsSinceEpoch, createdBy, source?.kind.rawValue, source?.value,
        CanonicalJSON.object(tags.mapValues { .string($0) }), description,
      ])
    try audit(
      .versionRegister, subject: "\(artefact)@\(label)", before: nil,
      after: Self.versionJSON(source: source, tags: tags, description: description), reason: reason)
  }

  /// Sets the share of traffic (percent) the canary pointer gets.
  func setCanaryWeight(artefact: String, percent: Int, reason: String) throws -> RegistryOutcome {
    guard (0...100).contains(percent) else {
      throw RegistryError(
        .invalidInput(field: "weight"), "canary weight must be 0–100 percent, not \(percent)")
    }
    try RegistryNames.validateText(reason, field: "reason")
    let (_, weight) = try requireArtefact(artefact)
    if percent == weight {
      return RegistryOutcome(message: "\(artefact) canary weight is already \(percent)%")
    }
    if percent > 0, try pointer(artefact, .canary) == nil {
      throw RegistryError(
        .notApplicable,
        "\(artefact) has no canary pointer; point canary at a version before sending it traffic")
    }
    try writeCanaryWeight(artefact: artefact, from: weight, to: percent, reason: reason)
    return RegistryOutcome(message: "\(artefact) canary weight \(weight)% → \(percent)%")
  }

  /// Writes the canary weight and audits `canary.weight`.
  /// - Throws: `.notApplicable` for a weight of 100 % on an artefact whose
  ///   tier needs approvals to move production (``canaryLimit(artefact:)``).
  func writeCanaryWeight(artefact: String, from old: Int, to new: Int, reason: String) throws {
    if new == 100, let refusal = try canaryLimit(artefact: artefact) { throw refusal }
    try session.execute("UPDATE artefact SET canary_weight = ? WHERE name = ?", binding: [new, artefact])
    routingTouched.insert(artefact)
    try audit(
      .canaryWeight, subject: artefact, before: CanonicalJSON.object(["weight": .integer(Int64(old))]),
      after: CanonicalJSON.object(["weight": .integer(Int64(new))]), reason: reason)
  }

  /// The refusal of a 100 % canary weight on `artefact`, or `nil` when its
  /// tier's production rule (the risk policy in force) needs no approval.
  ///
  /// A canary that gets all the traffic is production in all but name: the
  /// stable version serves nothing, so a weight of 100 % would put an
  /// unapproved version in front of every user without four-eyes. Up to 99 %
  /// the approved version still serves and is the baseline the canary analysis
  /// compares against (Argo Rollouts' and Flagger's canary steps stop short of
  /// the promotion too); the step to 100 % is the production promotion, which
  /// a rollout asks for before that step (see <doc:ReleaseManagement>). The
  /// PostgreSQL store's migration 13 refuses the same weight to every role but
  /// an administrator.
  func canaryLimit(artefact: String) throws -> RegistryError? {
    let (record, _) = try requireArtefact(artefact)
    let rule = policy.rule(for: record.riskTier, pointer: .production)
    guard rule.approvals > 0 else { return nil }
    let canary = try pointer(artefact, .canary)?.version
    let promote = canary.map { " (`flightdeck promote \(artefact) \($0)`)" } ?? ""
    return RegistryError(
      .notApplicable,
      "\(artefact) canary weight may not be 100 %: a canary with all the traffic is production in all but name, "
        + "and \(record.riskTier.rawValue) risk needs \(rule.approvals) approval(s) to move production — "
        + "request the promotion\(promote), or keep the canary at 99 % or less")
  }

  /// Makes a risk policy, role table and gate policy the workspace's configuration in force.
  func applyConfiguration(
    policy newPolicy: RiskPolicy, roles newRoles: [String: [String]], gates newGates: GatePolicy
  ) throws -> RegistryOutcome {
    for (role, names) in newRoles {
      try RegistryNames.validateText(role, field: "roles", max: 64, required: true)
      for name in names {
        try RegistryNames.validateText(name, field: "roles.\(role)", max: 128, required: true)
      }
    }
    let digest = newPolicy.digest(roles: newRoles, gates: newGates)
    let stored = try SQLStoreRows.configuration(session)
    if stored?.digest == digest {
      return RegistryOutcome(message: "configuration unchanged (digest \(digest.prefix(12))…)")
    }
    if let managers = stored?.roles["release-manager"], !managers.isEmpty, !managers.contains(actor.name) {
      throw RegistryError(
        .missingRole("release-manager"),
        "the workspace's risk policy and roles can only be changed by a release-manager (\(managers.sorted().joined(separator: ", "))); \(actor.name) is not one — run without this configuration's [policy] and [roles], or ask a release manager to apply it"
      )
    }
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    let policyJSON = String(decoding: try encoder.encode(newPolicy), as: UTF8.self)
    let rolesJSON = String(decoding: try encoder.encode(newRoles), as: UTF8.self)
    let gatesJSON = String(decoding: try encoder.encode(newGates), as: UTF8.self)
    for (key, value) in [
      ("config_digest", digest), ("config_policy", policyJSON), ("config_roles", rolesJSON),
      ("config_gates", gatesJSON),
    ] {
      try session.execute(
        """
        INSERT INTO meta (key, value) VALUES (?, ?)
        ON CONFLICT (key) DO UPDATE SET value = excluded.value
        """, binding: [key, value])
    }
    try audit(
      .configApply, subject: "configuration",
      before: CanonicalJSON.object(["digest": .optional(stored?.digest)]),
      after: CanonicalJSON.object(["digest": .string(digest)]),
      reason: newPolicy.summary(roles: newRoles, gates: newGates))
    return RegistryOutcome(message: "configuration applied (digest \(digest.prefix(12))…)")
  }

}
