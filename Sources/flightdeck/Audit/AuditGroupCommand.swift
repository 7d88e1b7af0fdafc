import ArgumentParser

/// `flightdeck audit`: verify, checkpoint and export the tamper-evident audit log.
struct AuditGroupCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "audit",
    abstract: "Verify, checkpoint or export the tamper-evident audit log.",
    subcommands: [AuditVerifyCommand.self, AuditCheckpointCommand.self, AuditExportCommand.self])
}
