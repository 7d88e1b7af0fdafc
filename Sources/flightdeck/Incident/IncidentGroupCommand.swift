import ArgumentParser

/// `flightdeck incident`: the incident queue and its life cycle.
struct IncidentGroupCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "incident",
    abstract: "Open, acknowledge, assign, annotate, mitigate and resolve incidents (SEV1–SEV4).",
    discussion: """
      Incidents live in the workspace's registry: triggered → acknowledged → mitigated → resolved, \
      skipping forward allowed, never back. Every change is audited (incident.open, incident.acknowledge, \
      incident.assign, incident.note, incident.severity, incident.mitigate, incident.resolve); the \
      timeline (`incident show`) builds itself from the audit log. See the Incident response article.
      """,
    subcommands: [
      IncidentOpenCommand.self, IncidentListCommand.self, IncidentShowCommand.self, IncidentAckCommand.self,
      IncidentAssignCommand.self, IncidentNoteCommand.self, IncidentSeverityCommand.self,
      IncidentMitigateCommand.self, IncidentResolveCommand.self,
    ])
}
