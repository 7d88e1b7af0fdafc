import FlightDeckTestSupport
import Foundation
import Testing

@testable import FlightDeckCore

#if canImport(Glibc)
  import Glibc
#endif

/// `flightdeck serve --demo`, two real processes on one demo workspace: the
/// holder seeds the workspace, writes five minutes of history and the live
/// simulated traffic, and starts the story rollout; killed with SIGKILL, the
/// standby takes the lease and carries the same traffic on — no request id
/// written twice, no second story rollout, and a standby that never wrote a
/// line while it waited.
///
/// Runs real processes in real time (polling with deadlines, off the
/// cooperative pool); nothing asserted depends on how long anything took.
@Suite(.serialized) struct ServeDemoTests {
  /// Every record in the demo folder, read as replay reads it.
  static func records(_ folder: String) throws -> [TelemetryRecord] {
    var out: [TelemetryRecord] = []
    for name in try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
    where TelemetryFileName.isTelemetry(name) {
      let bytes = try Data(contentsOf: URL(fileURLWithPath: folder).appendingPathComponent(name))
      var decoder = TelemetryLineDecoder(format: .flightdeck, prices: .default)
      for line in bytes.split(separator: 0x0A, omittingEmptySubsequences: true) {
        out += Array(line).withUnsafeBytes { decoder.decode(line: $0) }.records
      }
    }
    return out
  }

  @Test func theStandbyCarriesTheDemoTrafficOnAfterSIGKILL() async throws {
    try await DedicatedThreadExecutor.run("serve-demo") { try Self.standbyCarriesTheTrafficOn() }
  }

  static func standbyCarriesTheTrafficOn() throws {
    guard let binary = ReceiverKillTests.binary else {
      if ReceiverKillTests.required { Issue.record("the flightdeck binary is missing") }
      return
    }
    let root = FileManager.default.temporaryDirectory.appendingPathComponent(
      "fd-serve-demo-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: root) }
    let workspace = root.appendingPathComponent("ws").path
    let folder = workspace + "/demo-telemetry"
    func serve(_ i: Int) throws -> (ChildProcess, String) {
      let p = Process()
      p.executableURL = binary
      p.arguments = [
        "serve", "--demo", "--workspace", workspace, "--listen", "127.0.0.1:0", "--lease-ttl", "2s",
        "--heartbeat", "500ms",
      ]
      let log = root.appendingPathComponent("serve-\(i).log").path
      _ = FileManager.default.createFile(atPath: log, contents: nil)
      let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
      p.standardOutput = handle
      p.standardError = handle
      return (try ChildProcess(starting: p), log)
    }
    func logged(_ log: String, _ text: String) -> Bool {
      ReceiverKillTests.lines(log).contains { $0.contains(text) }
    }

    let (a, logA) = try serve(0)
    defer { a.waitOrKill(seconds: 0) }
    try ReceiverKillTests.waitFor(120, "the first serve to write the demo's history") {
      guard a.isRunning else { throw ReceiverKillTests.CLIWaitTimeout(what: "serve A (it exited)") }
      return logged(logA, "five minutes of history written")
    }
    #expect(logged(logA, "demo story: RO-1 rag-answer p8 started"))
    let start = try #require(
      Int64(
        try String(contentsOfFile: folder + "/demo-start", encoding: .utf8)
          .trimmingCharacters(in: .whitespacesAndNewlines)))
    // The standby waits, writing nothing.
    let (b, logB) = try serve(1)
    defer { b.waitOrKill(seconds: 0) }
    try ReceiverKillTests.waitFor(60, "the second serve to wait as a standby") {
      guard b.isRunning else { throw ReceiverKillTests.CLIWaitTimeout(what: "serve B (it exited)") }
      return logged(logB, "standby:")
    }
    // Live traffic after the history: records newer than the history's end.
    let historyEnd = start + 5 * 60_000
    try ReceiverKillTests.waitFor(60, "live traffic from the holder") {
      try Self.records(folder).contains { $0.timestamp.millisecondsSinceEpoch > historyEnd + 2_000 }
    }
    a.send(SIGKILL)
    #expect(a.wait(seconds: 30))
    let beforeTakeover = try Self.records(folder)
    let lastOfA = try #require(beforeTakeover.map(\.timestamp.millisecondsSinceEpoch).max())

    try ReceiverKillTests.waitFor(60, "the standby to take over and resume the traffic") {
      logged(logB, "holding the controller lease (epoch 2)") && logged(logB, "demo traffic resumed")
    }
    try ReceiverKillTests.waitFor(60, "traffic from the new holder") {
      try Self.records(folder).contains { $0.timestamp.millisecondsSinceEpoch > lastOfA + 2_000 }
    }
    b.send(SIGTERM)
    #expect(b.waitOrKill(seconds: 30), "serve B did not stop within 30 s of SIGTERM")

    let all = try Self.records(folder)
    // One timeline: the story's start kept, no request id twice (the new
    // holder's ids are its own), and nothing before the start.
    #expect(try String(contentsOfFile: folder + "/demo-start", encoding: .utf8).hasPrefix("\(start)"))
    let ids = all.map(\.requestID)
    #expect(Set(ids).count == ids.count, "\(ids.count - Set(ids).count) request ids written twice")
    #expect(all.allSatisfy { $0.timestamp.millisecondsSinceEpoch >= start })
    // The new holder wrote nothing dated before its takeover's history end:
    // its records begin after the dead holder's last one (less one tick).
    let newRecords = all.filter { r in !beforeTakeover.contains { $0.requestID == r.requestID } }
    #expect(!newRecords.isEmpty)
    #expect(newRecords.allSatisfy { $0.timestamp.millisecondsSinceEpoch > lastOfA - 1_000 })
    // The story rollout was started once, by the first holder.
    let store = try SQLiteRegistryStore(path: workspace + "/registry.sqlite", clock: SystemClock())
    #expect(try store.rollouts(artefact: "rag-answer").count == 1)
    #expect(!logged(logB, "demo story:"))
  }
}
