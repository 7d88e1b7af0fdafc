import FlightDeckCore
import FlightDeckTestSupport
import Foundation
import Testing

/// Commands that only read open the store read-only: nothing is written,
/// and a workspace folder the operator cannot write still reads.
///
/// These tests run as root in CI, where permission bits (chmod 0555) do not
/// stop writes. The unwritable folder is made with `chattr +i` (the
/// immutable attribute, which stops root too); where `chattr` is missing
/// or the file system has no such attribute, that test says so and returns.
@Suite struct SQLiteRegistryReadOnlyTests {
  let clock = TestClock()
  let scratch = RegistryScratch()

  /// A seeded workspace (13 audit entries), its store closed again.
  func workspace() throws -> RegistryWorkspace {
    let ws = RegistryWorkspace(directory: try scratch.directory())
    try RegistryFixture.seed(try ws.create(clock: clock, actor: RegistryFixture.alice), clock: clock)
    return ws
  }

  @discardableResult
  func chattr(_ flag: String, _ path: String) -> Bool {
    let o = try? ChildProcess.run(
      URL(fileURLWithPath: "/usr/bin/chattr"), [flag, path], captureStderr: false, timeoutSeconds: 30)
    return o?.status == 0 && o?.signalled == false
  }

  @Test func readOnlyOpenWritesNothing() throws {
    let ws = try workspace()
    let before = try Data(contentsOf: URL(fileURLWithPath: ws.databasePath))
    do {
      let store = try ws.openSQLite(clock: clock, readOnly: true)
      #expect(try store.verifyAudit().entriesChecked == 13)
      #expect(try store.snapshot().artefacts.count == 1)
      #expect(try store.schemaIsCurrent())
      #expect {
        _ = try store.perform(
          .rollback(artefact: "support-bot", to: nil, reason: "x", expectedProduction: nil),
          as: RegistryFixture.alice)
      } throws: { ($0 as? RegistryError)?.code == .readOnly }
    }
    #expect(try Data(contentsOf: URL(fileURLWithPath: ws.databasePath)) == before)
  }

  @Test func unwritableFolderStillReads() throws {
    let ws = try workspace()
    guard chattr("+i", ws.directory) else {
      print("skipped: chattr +i is not available here (needs root and a file system with the attribute)")
      return
    }
    defer { chattr("-i", ws.directory) }
    #expect(!SQLiteRegistryStore.folderIsWritable(ws.databasePath))
    #expect(!FileManager.default.fileExists(atPath: ws.databasePath + "-shm"))
    let store = try ws.open(clock: clock, readOnly: true)
    let r = try store.verifyAudit()
    #expect(r.isIntact && r.entriesChecked == 13)
    #expect(try store.auditEntries(since: nil).first?.action == .workspaceInit)
    // A writing open falls back to reading as well; writes are refused.
    let writable = try ws.open(clock: clock)
    #expect(try writable.snapshot().artefacts.count == 1)
    #expect {
      _ = try writable.perform(
        .rollback(artefact: "support-bot", to: nil, reason: "x", expectedProduction: nil),
        as: RegistryFixture.alice)
    } throws: { ($0 as? RegistryError)?.code == .readOnly }
  }
}
