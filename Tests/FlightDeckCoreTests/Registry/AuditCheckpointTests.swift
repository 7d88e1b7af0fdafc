import FlightDeckCore
import FlightDeckTestSupport
import Foundation
import Testing

/// `audit checkpoint` / `audit verify --checkpoint`: what the chain alone
/// cannot show — a store replaced by an older copy, a chain rebuilt with
/// other content — is caught against a head written down earlier.
@Suite struct AuditCheckpointTests {
  typealias F = RegistryFixture
  let clock = TestClock()
  let scratch = RegistryScratch()

  /// The seeded store (13 entries: `workspace.init` and the fixture's 12).
  func seeded() throws -> RegistryWorkspace {
    let ws = RegistryWorkspace(directory: try scratch.directory())
    try F.seed(try ws.create(clock: clock, actor: F.alice), clock: clock)
    return ws
  }

  func checkpoint(_ store: any RegistryStore) throws -> AuditCheckpoint {
    let head = try #require(try store.auditEntries(since: nil).last)
    return AuditCheckpoint(head: head, store: "test")
  }

  @Test func theStoreThatWroteTheCheckpointHoldsIt() throws {
    let store = try seeded().open(clock: clock)
    let mark = try checkpoint(store)
    #expect(mark.sequence == 13)
    #expect(mark.problem(in: try store.auditEntries(since: nil)) == nil)
    // Later entries do not matter: the checkpoint's head is still there.
    _ = try store.perform(
      .registerVersion(artefact: "support-bot", label: "v14", source: nil, tags: [:], description: "x"),
      as: F.alice)
    #expect(mark.problem(in: try store.auditEntries(since: nil)) == nil)
  }

  /// The database file copied aside, more changes made and checkpointed,
  /// then the copy put back: a valid chain of 13 entries on its own, but it
  /// ends before the checkpoint's #14.
  @Test func anOlderCopyOfTheStoreIsCaught() throws {
    let ws = try seeded()
    let file = ws.databasePath
    let files = {
      ["", "-wal", "-shm"].map { file + $0 }.filter { FileManager.default.fileExists(atPath: $0) }
    }
    // The seeding store is closed by now; copy whatever SQLite left (the
    // last connection to close folds the WAL into the database).
    for f in files() { try FileManager.default.copyItem(atPath: f, toPath: f + ".backup") }
    let mark: AuditCheckpoint
    do {
      let store = try ws.open(clock: clock)
      _ = try store.perform(
        .registerVersion(artefact: "support-bot", label: "v14", source: nil, tags: [:], description: "x"),
        as: F.alice)
      mark = try checkpoint(store)
    }
    #expect(mark.sequence == 14)
    for f in files() { try FileManager.default.removeItem(atPath: f) }
    for suffix in ["", "-wal", "-shm"] where FileManager.default.fileExists(atPath: file + suffix + ".backup")
    {
      try FileManager.default.moveItem(atPath: file + suffix + ".backup", toPath: file + suffix)
    }
    let restored = try ws.open(clock: clock)
    #expect(try restored.verifyAudit().isIntact)
    let problem = try #require(mark.problem(in: try restored.auditEntries(since: nil)))
    #expect(problem.tampering == .truncated)
    #expect(problem.sequence == 14)
    #expect(problem.detail.contains("the log ends at entry #13"))
  }

  /// Two stores with the same history up to #13 and a different #14: the
  /// checkpoint of one does not hold for the other.
  @Test func aRewrittenChainIsCaught() throws {
    let a = try seeded().open(clock: clock)
    let b = try seeded().open(clock: clock)
    let at = clock.now()
    _ = try a.perform(
      .registerVersion(artefact: "support-bot", label: "v14", source: nil, tags: [:], description: "x"),
      as: F.alice)
    clock.set(at)
    _ = try b.perform(
      .registerVersion(artefact: "support-bot", label: "v14", source: nil, tags: [:], description: "y"),
      as: F.alice)
    let mark = try checkpoint(a)
    #expect(try b.verifyAudit().isIntact)
    let problem = try #require(mark.problem(in: try b.auditEntries(since: nil)))
    #expect(problem.tampering == .replaced)
    #expect(problem.sequence == 14)
  }

  @Test func aCheckpointLineRoundTrips() throws {
    let store = try seeded().open(clock: clock)
    let mark = try checkpoint(store)
    let text = "# kept on ops-2\n" + mark.jsonLine + "\n\n"
    #expect(try AuditCheckpoint(parsing: text, file: "cp.txt") == mark)
    #expect(mark.jsonLine.hasPrefix("{\"at\":\""))
  }

  @Test(arguments: [
    ("", "checkpoint", "no checkpoint line"),
    ("{\"sequence\":3}\nnot json\n", "checkpoint", "cp.txt:2: checkpoint: not a JSON object"),
    (
      "{\"sequence\":0,\"hash\":\"\",\"at\":\"\"}", "sequence",
      "cp.txt:1: sequence: expected a positive integer"
    ),
    (
      "{\"sequence\":2,\"hash\":\"ABC\",\"at\":\"2026-12-06T05:00:00Z\"}", "hash",
      "cp.txt:1: hash: expected 64 lowercase"
    ),
    (
      "{\"sequence\":2,\"hash\":\"\(String(repeating: "a", count: 64))\",\"at\":\"yesterday\"}", "at",
      "cp.txt:1: at: expected an RFC 3339 time"
    ),
  ])
  func aBadCheckpointFileNamesFileLineAndField(text: String, field: String, message: String) throws {
    #expect {
      _ = try AuditCheckpoint(parsing: text, file: "cp.txt")
    } throws: { error in
      guard let e = error as? RegistryError else { return false }
      return e.code == .invalidInput(field: field) && e.message.contains(message)
    }
  }
}
