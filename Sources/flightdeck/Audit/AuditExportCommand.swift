import ArgumentParser
import FlightDeckCore
import FlightDeckTUI
import Foundation

/// `flightdeck audit export`: write the audit log for auditors.
struct AuditExportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "export",
    abstract: "Write the audit log as JSON Lines or CSV (to stdout, or --out FILE).",
    discussion: """
      jsonl: one JSON object per line with sequence, at (epoch ms), time (RFC 3339), actor, action, \
      subject, before, after, reason, previousHash, hash. csv: RFC 4180 with a header row and the same \
      fields (previous_hash). Both hold the hashes, so the chain can be re-verified from the file alone. \
      No raw control, bidi or zero-width character reaches the file: JSON writes them as \\uXXXX; CSV as \
      \\xHH or \\u{HHHH}, a backslash as \\\\ and a leading =, +, - or @ as its \\xHH escape (reversible).
      --since TS keeps entries from the first one at or after TS on, by sequence (RFC 3339 or epoch ms; \
      verify such a file with Tests/Tools/verify-audit-export.py --partial).
      --json (not with --format csv): one document {"entries":[…]} holding the same objects as the lines.
      Exit codes: 0 written; 1 no workspace, unwritable --out or a storage failure; 64 bad arguments.
      """)

  /// Export formats.
  enum Format: String, ExpressibleByArgument, CaseIterable {
    case jsonl, csv
  }

  @OptionGroup var options: RegistryOptions

  @Option(help: "jsonl or csv.")
  var format: Format = .jsonl

  @Option(help: "Only entries at or after this time (RFC 3339 or epoch ms).")
  var since: String?

  @Option(
    help: ArgumentHelp(
      "Write to this file instead of stdout (replaced atomically).",
      discussion:
        "Refused when the path is a directory, FIFO, socket, device, symbolic link (unless --force) or the "
        + "workspace's registry store."), completion: .file())
  var out: String?

  @Flag(help: "With --out: replace the file a symbolic link at the path points to.")
  var force = false

  func validate() throws {
    if options.json, format == .csv {
      throw ValidationError("--json and --format csv ask for two outputs: give one")
    }
    if let since, RegistryCLI.parseTime(since) == nil {
      throw ValidationError(
        "--since: '\(RegistryNames.excerpt(since))' is not an RFC 3339 time (2025-06-01T12:00:00Z) or epoch ms"
      )
    }
  }

  func run() throws {
    try RegistryCLI.run {
      let context = try RegistryContext(options)
      let writer = SafeFileWriter(
        protectedPaths: context.workspace.storeFiles(backends: .cli), followSymbolicLinks: force)
      if let out { try writer.check(out) }
      let store = try context.openForReading()
      let entries = try store.auditEntries(since: since.flatMap(RegistryCLI.parseTime))
      var text = format == .csv ? AuditExport.csv(entries) : AuditExport.jsonLines(entries)
      // --json: one document, {"entries":[…]} holding the same objects as the lines.
      if options.json {
        text = "{\"entries\":[" + text.split(separator: "\n").joined(separator: ",") + "]}\n"
      }
      // The export holds what is stored; say so when that is not an intact chain.
      if let p = try store.verifyAudit().problem {
        RegistryCLI.warn(
          "the audit chain is broken at entry #\(p.sequence) (\(p.tampering.rawValue)); this export holds "
            + "what is stored — see `flightdeck audit verify`")
      }
      guard let out else {
        FileHandle.standardOutput.write(Data(text.utf8))
        return
      }
      try writer.write(Data(text.utf8), to: out)
      FileHandle.standardError.write(
        Data("wrote \(entries.count) audit entries to \(Sanitizer.sanitize(out))\n".utf8))
    }
  }
}
