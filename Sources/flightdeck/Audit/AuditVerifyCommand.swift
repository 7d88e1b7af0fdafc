import ArgumentParser
import FlightDeckCore
import FlightDeckTUI
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
      "tampering":"edited|deleted|reordered|inserted","detail":str},"identities":{"database-role":N,\
      "unauthenticated:FLIGHTDECK_USER":N,"unauthenticated:os-user":N,"unauthenticated:asserted":N,\
      "system":N,"unrecorded":N}} (only the keys that occur).
      Every entry records how its actor was identified: database-role (a PostgreSQL store: the role that \
      logged in), unauthenticated:… (a SQLite store: $FLIGHTDECK_USER or the OS user, a name nobody \
      verified), system (FlightDeck itself); entries written before FlightDeck recorded it have none \
      ("unrecorded"). The value is hashed with the entry, so it cannot be changed afterwards.
      It also cross-checks the tables against the log: every pointer move, promotion request, decision, \
      rollout and incident (and its notes) has the audit entry written with it, and every such entry its \
      row; each mismatch is one line, e.g. "pointer_move #12 support-bot production v3 → v4 at …: no audit \
      entry", and fails verify as a broken hash does (--json: "mismatches": [str]).
      --checkpoint FILE also checks the chain against a head written down earlier with \
      `flightdeck audit checkpoint`: a chain whose tail was cut off, or a store replaced by an older copy, \
      is intact on its own but no longer holds that head ("truncated", "replaced").
      Exit codes: 0 intact; 1 tampered (the first bad entry and how on stderr) or unreadable; 64 bad arguments.
      """)

  @OptionGroup var options: RegistryOptions

  @Option(
    help: ArgumentHelp(
      "A file holding a line printed by `flightdeck audit checkpoint` (the last such line is used).",
      valueName: "file"))
  var checkpoint: String?

  func run() throws {
    try RegistryCLI.run {
      let context = try RegistryContext(options)
      let store = try context.openForReading()
      var result = try store.verifyAudit()
      let entries = try store.auditEntries(since: nil)
      if result.isIntact, let checkpoint {
        let text: String
        do {
          text = try String(contentsOfFile: checkpoint, encoding: .utf8)
        } catch {
          throw RegistryError(
            .invalidInput(field: "checkpoint"), "cannot read \(checkpoint): \(error.localizedDescription)")
        }
        let mark = try AuditCheckpoint(parsing: text, file: checkpoint)
        result.problem = mark.problem(in: entries)
      }
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
            "mismatches": .array(result.mismatches.map { .string($0) }),
            "identities": .object(AuditEntry.identityCounts(entries).mapValues { .integer(Int64($0)) }),
          ]))
      } else if result.isIntact {
        RegistryCLI.say(
          "audit log intact: \(result.entriesChecked) entries, head hash \(result.headHash ?? "(empty log)")")
        if let summary = AuditEntry.identitySummary(entries) { RegistryCLI.say(summary) }
      }
      var failures: [String] = []
      if let p = result.problem {
        failures.append(
          "audit log tampered: entry #\(p.sequence) \(p.tampering.rawValue): \(p.detail) "
            + "(the chain verifies up to the entry before it)")
      }
      // One line each: a row written by SQL around FlightDeck, or an entry whose row was deleted.
      failures += result.mismatches.map { "audit log and tables disagree: \($0)" }
      if let last = failures.last {
        for line in failures.dropLast() {
          FileHandle.standardError.write(Data("error: \(Sanitizer.sanitize(line))\n".utf8))
        }
        RegistryCLI.fail(last)
      }
    }
  }
}
