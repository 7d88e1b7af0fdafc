import ArgumentParser
import FlightDeckCore
import Foundation

/// `flightdeck audit checkpoint`: print the audit chain's head to keep elsewhere.
struct AuditCheckpointCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "checkpoint",
    abstract: "Print the audit chain's head (sequence, hash, time) to keep outside the store.",
    discussion: """
      The chain proves that no entry was edited, removed or inserted between its first entry and its \
      head, but not that the head is the latest: a store whose tail was cut off, or that was replaced by \
      an older copy, is still a valid chain. Keep the printed line somewhere the store's administrators \
      cannot rewrite (a ticket, another machine), then run `flightdeck audit verify --checkpoint FILE`.
      The chain is verified first; a tampered chain gets no checkpoint.
      Output: one line of canonical JSON {"at":…,"hash":…,"sequence":N,"store":…} (--json prints the same).
      Exit codes: 0 printed; 1 the chain is tampered, empty or unreadable; 64 bad arguments.
      """)

  @OptionGroup var options: RegistryOptions

  func run() throws {
    try RegistryCLI.run {
      let context = try RegistryContext(options)
      let store = try context.openForReading()
      let verification = try store.verifyAudit()
      if let p = verification.problem {
        RegistryCLI.fail(
          "no checkpoint: the audit log is tampered at entry #\(p.sequence) (\(p.tampering.rawValue)): \(p.detail)"
        )
      }
      guard let head = try store.auditEntries(since: nil).last else {
        RegistryCLI.fail("no checkpoint: the audit log is empty")
      }
      let mark = AuditCheckpoint(head: head, store: context.workspace.storeLocation.description)
      RegistryCLI.say(mark.jsonLine)
    }
  }
}
