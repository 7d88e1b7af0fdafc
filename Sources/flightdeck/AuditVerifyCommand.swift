import ArgumentParser
import FlightDeckCore
import Foundation

/// `flightdeck audit verify`: walk the hash chain.
struct AuditVerifyCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "verify",
    abstract:
      "Walk the audit log's hash chain and report the first entry edited, deleted, reordered or inserted.",
    discussion: """
      Each entry's hash is SHA-256(previous hash ‖ canonical JSON of the entry); any change to the \
      database outside FlightDeck breaks the chain from that entry on.
      --json: {"intact":bool,"entries_checked":N,"head_hash":str|null,"problem":null|{"sequence":N,\
      "tampering":"edited|deleted|reordered|inserted","detail":str}}.
      Exit codes: 0 intact; 1 tampered (the first bad entry and how on stderr) or unreadable; 64 bad arguments.
      """)

  @OptionGroup var options: RegistryOptions

  func run() throws {
    try RegistryCLI.run {
      let context = try RegistryContext(options)
      let result = try context.openForReading().verifyAudit()
      if context.json {
        RegistryCLI.printJSON(
          .object([
            "intact": .bool(result.isIntact), "entries_checked": .integer(Int64(result.entriesChecked)),
            "head_hash": .optional(result.headHash),
            "problem": result.problem.map {
              .object([
                "sequence": .integer($0.sequence), "tampering": .string($0.tampering.rawValue),
                "detail": .string($0.detail),
              ])
            } ?? .null,
          ]))
      } else if result.isIntact {
        RegistryCLI.say(
          "audit log intact: \(result.entriesChecked) entries, head hash \(result.headHash ?? "(empty log)")")
      }
      if let p = result.problem {
        RegistryCLI.fail(
          "audit log tampered: entry #\(p.sequence) \(p.tampering.rawValue): \(p.detail) "
            + "(the chain verifies up to the entry before it)")
      }
    }
  }
}
