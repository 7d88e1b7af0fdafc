extension SQLStoreTransaction {
  /// Imports `plan` (see ``RegistryCommand/importArtefact(_:)``): the artefact and versions it lacks, and the pointers its risk policy lets an import move.
  func importArtefact(_ plan: RegistryImportPlan) throws -> RegistryOutcome {
    try RegistryNames.validateArtefact(plan.artefact)
    try RegistryNames.validateText(plan.origin, field: "origin", max: 500, required: true)
    try RegistryNames.validateText(plan.description, field: "description")
    let reason = "imported from \(plan.origin)"
    var warnings = plan.warnings
    var versionsAdded = 0
    var artefactAdded = false

    let existingTier = try SQLStoreRows.artefact(session, plan.artefact)?.0.riskTier
    if existingTier == nil {
      try insertArtefact(
        name: plan.artefact, kind: plan.kind, owner: "", tier: plan.riskTier, description: plan.description,
        reason: reason)
      artefactAdded = true
    }
    var planned: Set<String> = []
    for v in plan.versions {
      try RegistryNames.validateVersion(v.label)
      try Self.validateSource(v.source)
      try Self.validateTags(v.tags)
      try RegistryNames.validateText(v.description, field: "description")
      try RegistryNames.validateText(v.createdBy, field: "created by", max: 128)
      guard planned.insert(v.label).inserted else {
        warnings.append(
          "\(plan.artefact) version \(v.label) appears twice in \(plan.origin); imported the first")
        continue
      }
      if let existing = try SQLStoreRows.version(session, plan.artefact, v.label) {
        if existing.source != v.source || existing.tags != v.tags || existing.description != v.description {
          warnings.append(
            "\(plan.artefact) version \(v.label) differs from the one in \(plan.origin); kept the registered one (versions are immutable)"
          )
        }
        continue
      }
      try insertVersion(
        artefact: plan.artefact, label: v.label, createdAt: v.createdAt,
        createdBy: v.createdBy.isEmpty ? actor.name : v.createdBy, source: v.source, tags: v.tags,
        description: v.description, reason: reason)
      versionsAdded += 1
    }
    for (name, label) in plan.pointers.sorted(by: { $0.key < $1.key }) {
      try RegistryNames.validateVersion(label)
      guard try SQLStoreRows.version(session, plan.artefact, label) != nil else {
        throw RegistryError(
          .notFound,
          "\(plan.origin) points \(plan.artefact) \(name) at version \(label), which it does not list")
      }
      let current = try pointer(plan.artefact, name)?.version
      if current == label { continue }
      // An import may set up a new artefact as MLflow has it, but must not move
      // the production pointer of one already registered past its risk policy.
      if let tier = existingTier, policy.rule(for: tier, pointer: name).approvals > 0 {
        let needed = policy.rule(for: tier, pointer: name).approvals
        warnings.append(
          "\(plan.origin) has \(plan.artefact) \(name) at version \(label) but the registry has \(current ?? "none"); not moved: \(tier.rawValue) risk needs \(needed) approval\(needed == 1 ? "" : "s") (flightdeck promote \(plan.artefact) \(label) --to \(name) --reason …)"
        )
        continue
      }
      try movePointer(plan.artefact, name, to: label, reason: reason, requestID: nil, cause: .import)
    }
    guard !auditSequences.isEmpty else {
      return RegistryOutcome(
        message: "\(plan.artefact) from \(plan.origin): already up to date, nothing imported",
        warnings: warnings)
    }
    try audit(
      .import, subject: plan.artefact, before: nil,
      after: CanonicalJSON.object([
        "origin": .string(plan.origin), "artefactCreated": .bool(artefactAdded),
        "versionsAdded": .integer(Int64(versionsAdded)), "pointersMoved": .integer(Int64(moves.count)),
        "warnings": .array(warnings.map { .string($0) }),
      ]), reason: reason)
    let plural = versionsAdded == 1 ? "" : "s"
    return RegistryOutcome(
      message:
        "imported \(plan.artefact) from \(plan.origin): \(versionsAdded) version\(plural) added, \(moves.count) pointer move\(moves.count == 1 ? "" : "s")",
      warnings: warnings)
  }
}
