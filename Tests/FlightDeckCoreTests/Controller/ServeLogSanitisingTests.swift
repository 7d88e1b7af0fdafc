import FlightDeckCore
import FlightDeckTestSupport
import Foundation
import Testing

/// `serve`'s log lines name the paths it follows; a file named with a
/// newline and an escape sequence (breaker minor of issue 14) must reach
/// the operator's terminal escaped (`\x0A`, `\x1B`), never raw. Runs the
/// real `flightdeck` binary (``ReceiverKillTests/binary``).
@Suite struct ServeLogSanitisingTests {
  /// Blocks for seconds, so off the cooperative pool (``DedicatedThreadExecutor``).
  @Test func followedPathsWithControlCharactersAreEscapedInTheLog() async throws {
    try await DedicatedThreadExecutor.run("serve-log-sanitising") { try Self.run() }
  }

  static func run() throws {
    guard let binary = ReceiverKillTests.binary else {
      if ReceiverKillTests.required { Issue.record("the flightdeck binary is missing") }
      return
    }
    let root = FileManager.default.temporaryDirectory.appendingPathComponent(
      "fd-serve-log-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: root) }
    let workspace = root.appendingPathComponent("ws").path
    try FileManager.default.createDirectory(atPath: workspace, withIntermediateDirectories: true)
    _ = try SQLiteRegistryStore.create(
      path: workspace + "/registry.sqlite", clock: SystemClock(), actor: RegistryFixture.alice)
    let hostile = root.appendingPathComponent("we\"ird\nname\u{1B}[31m.jsonl").path
    FileManager.default.createFile(atPath: hostile, contents: Data())
    let p = Process()
    p.executableURL = binary
    p.arguments = [
      "serve", "--workspace", workspace, "--listen", "127.0.0.1:\(try ReceiverKillTests.freePort())", hostile,
    ]
    let log = root.appendingPathComponent("serve.log").path
    _ = FileManager.default.createFile(atPath: log, contents: nil)
    let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
    p.standardOutput = handle
    p.standardError = handle
    let serve = try ChildProcess(starting: p)
    defer { serve.waitOrKill(seconds: 0) }
    try ReceiverKillTests.waitFor(60, "serve to open the hostile file") {
      guard serve.isRunning else { throw ReceiverKillTests.CLIWaitTimeout(what: "serve (it exited)") }
      return ReceiverKillTests.lines(log).contains { $0.contains("source opened") }
    }
    let text = String(decoding: FileManager.default.contents(atPath: log) ?? Data(), as: UTF8.self)
    #expect(!text.unicodeScalars.contains { $0.value == 0x1B })
    #expect(text.contains(#"we"ird\x0Aname\x1B[31m.jsonl"#))
  }
}
