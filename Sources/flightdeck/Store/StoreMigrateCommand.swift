import ArgumentParser
import FlightDeckCore
import Foundation

/// `flightdeck store migrate --from URL --to URL`: copy every row into a new store.
struct StoreMigrateCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "migrate",
    abstract: "Copy a store, rows and audit chain as they are, into a new store of another backend.",
    discussion: """
      Reads --from in one read transaction and writes --to in one write transaction: the target is \
      created (its schema migrated) and must hold nothing but its own workspace.init entry. Every row \
      keeps its id, time, actor and hash, so the audit chain is the same chain: `audit verify` runs on \
      both sides afterwards, and the row counts of every table are compared. The source is not changed.
      Example: flightdeck store migrate --from sqlite:.flightdeck/registry.sqlite \\
      --to 'postgres://alice@db.internal/flightdeck?passfile=/home/alice/.pgpass'
      Exit codes: 0 copied and verified; 1 refused or a check failed (the reason on stderr); 64 bad arguments.
      """)

  @Option(help: ArgumentHelp("The store to copy from (sqlite:PATH or postgres://…).", valueName: "url"))
  var from: String

  @Option(help: ArgumentHelp("The new store to copy into (sqlite:PATH or postgres://…).", valueName: "url"))
  var to: String

  @Flag(help: "Print one JSON document (for scripts) instead of a table.")
  var json = false

  func run() throws {
    try RegistryCLI.run {
      let clock = SystemClock()
      let source = try StoreLocation(parsing: from)
      let target = try StoreLocation(parsing: to)
      guard source != target else {
        throw RegistryError(.invalidInput(field: "to"), "--from and --to name the same store")
      }
      let backends = StoreBackends.cli
      let from = try backends.backend(for: source).open(
        at: source, options: StoreOpenOptions(clock: clock, readOnly: true))
      guard try from.verifyAudit().isIntact else {
        throw RegistryError(
          .corrupt,
          "the audit chain of \(source) does not verify (run `flightdeck audit verify`); nothing copied")
      }
      let into = try backends.backend(for: target).create(
        at: target, options: StoreOpenOptions(clock: clock), actor: OperatorIdentity.current())
      guard let reader = from as? any StoreRowTransfer, let writer = into as? any StoreRowTransfer else {
        throw RegistryError(.notApplicable, "one of these backends cannot copy rows")
      }
      let copied = try reader.readingRows { s in
        try writer.writingRows { t in try SQLStoreCopy.copy(from: s, to: t) }
      }
      let sourceCounts = try reader.readingRows { try SQLStoreCopy.counts($0) }
      let targetCounts = try writer.readingRows { try SQLStoreCopy.counts($0) }
      let a = try from.verifyAudit()
      let b = try into.verifyAudit()
      var problems: [String] = []
      if !a.isIntact { problems.append("the source's audit chain no longer verifies") }
      if let p = b.problem {
        problems.append("the target's audit chain fails at #\(p.sequence): \(p.detail)")
      }
      if a.headHash != b.headHash {
        problems.append("the heads differ: \(a.headHash ?? "none") and \(b.headHash ?? "none")")
      }
      for table in SQLStoreCopy.tables where targetCounts[table] != copied[table] {
        problems.append(
          "\(table): \(copied[table] ?? 0) rows copied but \(targetCounts[table] ?? 0) in the target")
      }
      if json {
        RegistryCLI.printJSON(
          .object([
            "from": .string(source.description), "to": .string(target.description),
            "rows": .object(copied.mapValues { .integer($0) }),
            "audit_entries": .integer(Int64(b.entriesChecked)), "head_hash": .optional(b.headHash),
            "verified": .bool(problems.isEmpty),
          ]))
      } else {
        RegistryCLI.say("copied \(source) → \(target)")
        for table in SQLStoreCopy.tables {
          RegistryCLI.say(
            "  \(table.padding(toLength: 18, withPad: " ", startingAt: 0)) \(sourceCounts[table] ?? 0) → \(targetCounts[table] ?? 0)"
          )
        }
        if problems.isEmpty {
          RegistryCLI.say(
            "audit chain verified on both sides: \(b.entriesChecked) entries, head hash \(b.headHash ?? "(empty log)")"
          )
        }
      }
      if !problems.isEmpty { RegistryCLI.fail(problems.joined(separator: "; ")) }
    }
  }
}
