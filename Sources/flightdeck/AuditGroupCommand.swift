import ArgumentParser

/// `flightdeck audit`: verify and export the tamper-evident audit log.
struct AuditGroupCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "audit",
    abstract: "Verify or export the tamper-evident audit log.",
    subcommands: [AuditVerifyCommand.self, AuditExportCommand.self])
}
