/// One mutation of the store, in the domain it belongs to: what the CLI
/// commands and the dashboard's keys ask for, as a value (the dashboard's
/// update function returns it as an effect; a runner performs it off the UI
/// thread).
///
/// Each domain's changes are that domain store's transactions
/// (``ArtefactStore``, ``ApprovalStore``, ``RolloutStore``, ``AlertStore``,
/// ``IncidentStore``); ``RegistryStore/run(_:as:)`` routes a command to its
/// domain. The static functions of `RegistryCommand+Factories.swift` build a
/// command by the change's own name (`.approve(requestID: 7, comment: "ok")`).
public enum RegistryCommand: Sendable, Hashable {
  /// A change to artefacts, versions, the configuration in force, gate
  /// results or imports (``ArtefactStore``).
  case artefact(ArtefactChange)
  /// A promotion request or a decision on one (``ApprovalStore``).
  case approval(ApprovalChange)
  /// A canary weight or rollout change (``RolloutStore``).
  case rollout(RolloutChange)
  /// An alert state change, acknowledgement or silence (``AlertStore``).
  case alert(AlertChange)
  /// An incident change (``IncidentStore``).
  case incident(IncidentChange)
}
