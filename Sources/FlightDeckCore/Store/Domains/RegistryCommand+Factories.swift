extension RegistryCommand {
  /// ``ArtefactChange/registerArtefact(name:kind:owner:riskTier:description:)`` as a command.
  public static func registerArtefact(
    name: String, kind: ArtefactKind, owner: String, riskTier: RiskTier, description: String
  ) -> RegistryCommand {
    .artefact(
      .registerArtefact(name: name, kind: kind, owner: owner, riskTier: riskTier, description: description))
  }

  /// ``ArtefactChange/registerVersion(artefact:label:source:tags:description:template:)`` as a command.
  public static func registerVersion(
    artefact: String, label: String, source: SourceReference?, tags: [String: String], description: String,
    template: String? = nil
  ) -> RegistryCommand {
    .artefact(
      .registerVersion(
        artefact: artefact, label: label, source: source, tags: tags, description: description,
        template: template))
  }

  /// ``ArtefactChange/rollback(artefact:to:reason:expectedProduction:)`` as a command.
  public static func rollback(artefact: String, to: String?, reason: String, expectedProduction: String??)
    -> RegistryCommand
  {
    .artefact(.rollback(artefact: artefact, to: to, reason: reason, expectedProduction: expectedProduction))
  }

  /// ``ArtefactChange/applyConfiguration(policy:roles:gates:)`` as a command.
  public static func applyConfiguration(
    policy: RiskPolicy, roles: [String: [String]], gates: GatePolicy = .standard
  ) -> RegistryCommand {
    .artefact(.applyConfiguration(policy: policy, roles: roles, gates: gates))
  }

  /// ``ArtefactChange/recordGateResults(artefact:version:report:)`` as a command.
  public static func recordGateResults(artefact: String, version: String, report: GateReport)
    -> RegistryCommand
  {
    .artefact(.recordGateResults(artefact: artefact, version: version, report: report))
  }

  /// ``ArtefactChange/importArtefact(_:)`` as a command.
  public static func importArtefact(_ value: RegistryImportPlan) -> RegistryCommand {
    .artefact(.importArtefact(value))
  }

  /// ``ApprovalChange/requestPromotion(artefact:version:target:reason:expectedFrom:override:)`` as a command.
  public static func requestPromotion(
    artefact: String, version: String, target: PointerName, reason: String, expectedFrom: String??,
    override: String? = nil
  ) -> RegistryCommand {
    .approval(
      .requestPromotion(
        artefact: artefact, version: version, target: target, reason: reason, expectedFrom: expectedFrom,
        override: override))
  }

  /// ``ApprovalChange/approve(requestID:comment:)`` as a command.
  public static func approve(requestID: Int64, comment: String) -> RegistryCommand {
    .approval(.approve(requestID: requestID, comment: comment))
  }

  /// ``ApprovalChange/reject(requestID:comment:)`` as a command.
  public static func reject(requestID: Int64, comment: String) -> RegistryCommand {
    .approval(.reject(requestID: requestID, comment: comment))
  }

  /// ``ApprovalChange/cancel(requestID:comment:)`` as a command.
  public static func cancel(requestID: Int64, comment: String) -> RegistryCommand {
    .approval(.cancel(requestID: requestID, comment: comment))
  }

  /// ``RolloutChange/setCanaryWeight(artefact:percent:reason:)`` as a command.
  public static func setCanaryWeight(artefact: String, percent: Int, reason: String) -> RegistryCommand {
    .rollout(.setCanaryWeight(artefact: artefact, percent: percent, reason: reason))
  }

  /// ``RolloutChange/startRollout(_:)`` as a command.
  public static func startRollout(_ value: RolloutPlan) -> RegistryCommand {
    .rollout(.startRollout(value))
  }

  /// ``RolloutChange/rolloutEvent(artefact:event:reason:)`` as a command.
  public static func rolloutEvent(artefact: String, event: RolloutEvent, reason: String? = nil)
    -> RegistryCommand
  {
    .rollout(.rolloutEvent(artefact: artefact, event: event, reason: reason))
  }

  /// ``AlertChange/recordAlertTransitions(_:)`` as a command.
  public static func recordAlertTransitions(_ value: [AlertTransition]) -> RegistryCommand {
    .alert(.recordAlertTransitions(value))
  }

  /// ``AlertChange/acknowledgeAlert(fingerprint:comment:)`` as a command.
  public static func acknowledgeAlert(fingerprint: String, comment: String) -> RegistryCommand {
    .alert(.acknowledgeAlert(fingerprint: fingerprint, comment: comment))
  }

  /// ``AlertChange/createSilence(matchers:startsAt:endsAt:comment:)`` as a command.
  public static func createSilence(
    matchers: [AlertLabelMatcher], startsAt: Timestamp, endsAt: Timestamp, comment: String
  ) -> RegistryCommand {
    .alert(.createSilence(matchers: matchers, startsAt: startsAt, endsAt: endsAt, comment: comment))
  }

  /// ``AlertChange/expireSilence(id:)`` as a command.
  public static func expireSilence(id: Int64) -> RegistryCommand {
    .alert(.expireSilence(id: id))
  }

  /// ``IncidentChange/openIncident(title:severity:commander:links:source:)`` as a command.
  public static func openIncident(
    title: String, severity: IncidentSeverity, commander: String?, links: IncidentLinks,
    source: IncidentSource
  ) -> RegistryCommand {
    .incident(
      .openIncident(title: title, severity: severity, commander: commander, links: links, source: source))
  }

  /// ``IncidentChange/acknowledgeIncident(id:)`` as a command.
  public static func acknowledgeIncident(id: Int64) -> RegistryCommand {
    .incident(.acknowledgeIncident(id: id))
  }

  /// ``IncidentChange/assignIncident(id:commander:)`` as a command.
  public static func assignIncident(id: Int64, commander: String) -> RegistryCommand {
    .incident(.assignIncident(id: id, commander: commander))
  }

  /// ``IncidentChange/addIncidentNote(id:text:)`` as a command.
  public static func addIncidentNote(id: Int64, text: String) -> RegistryCommand {
    .incident(.addIncidentNote(id: id, text: text))
  }

  /// ``IncidentChange/setIncidentSeverity(id:severity:)`` as a command.
  public static func setIncidentSeverity(id: Int64, severity: IncidentSeverity) -> RegistryCommand {
    .incident(.setIncidentSeverity(id: id, severity: severity))
  }

  /// ``IncidentChange/mitigateIncident(id:note:)`` as a command.
  public static func mitigateIncident(id: Int64, note: String) -> RegistryCommand {
    .incident(.mitigateIncident(id: id, note: note))
  }

  /// ``IncidentChange/resolveIncident(id:note:)`` as a command.
  public static func resolveIncident(id: Int64, note: String) -> RegistryCommand {
    .incident(.resolveIncident(id: id, note: note))
  }

  /// ``IncidentChange/recordRetro(incident:path:digest:)`` as a command.
  public static func recordRetro(incident: Int64, path: String, digest: String) -> RegistryCommand {
    .incident(.recordRetro(incident: incident, path: path, digest: digest))
  }
}
