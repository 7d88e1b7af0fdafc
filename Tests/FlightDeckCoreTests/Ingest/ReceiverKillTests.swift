import FlightDeckTestSupport
import Foundation
import Testing

@testable import FlightDeckCore

#if canImport(Glibc)
  import Glibc
#endif

/// The durability promise, tried the hard way: `flightdeck receive` is killed
/// with SIGKILL in the middle of a load, several times, and every span it
/// acknowledged (answered 200) must be in its data folder afterwards.
///
/// The load is `Tests/Tools/otlp-ack-load.py`: real OTLP/protobuf requests
/// built with opentelemetry-proto's classes, from 4 threads, each request's
/// span ids recorded only after its 200. The folder is read with the engine's
/// own line decoder, as `replay` reads it.
///
/// This test runs real processes, so it waits on them in real time (polling
/// with deadlines); nothing it asserts depends on how long anything took.
/// Needs the `flightdeck` binary (`swift build --build-tests` builds it next
/// to the test bundle) and python3 with opentelemetry-proto; without them it
/// is skipped, and under CI=true it fails.
@Suite(.serialized) struct ReceiverKillTests {
  static let required = ProcessInfo.processInfo.environment["CI"] == "true"

  /// The `flightdeck` executable (``FlightDeckBinary/url``).
  static var binary: URL? { FlightDeckBinary.url }

  /// A TCP port on 127.0.0.1 that was free a moment ago.
  static func freePort() throws -> Int {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { _ = Glibc.close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    address.sin_port = 0
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafeMutablePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { p -> Bool in
        bind(fd, p, length) == 0 && getsockname(fd, p, &length) == 0
      }
    }
    guard bound else { throw CocoaError(.fileWriteUnknown) }
    return Int(UInt16(bigEndian: address.sin_port))
  }

  /// Whether something accepts connections on 127.0.0.1:`port`.
  static func accepts(_ port: Int) -> Bool {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { _ = Glibc.close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    address.sin_port = UInt16(port).bigEndian
    return withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
      }
    }
  }

  /// Polls `condition` every 20 ms until it holds or `seconds` pass.
  static func waitFor(_ seconds: Double, _ what: String, _ condition: () throws -> Bool) throws {
    let deadline = Date().addingTimeInterval(seconds)
    while try !condition() {
      if Date() > deadline { throw CLIWaitTimeout(what: what) }
      usleep(20_000)
    }
  }

  struct CLIWaitTimeout: Error, CustomStringConvertible {
    var what: String
    var description: String { "timed out waiting for \(what)" }
  }

  /// Lines of a file (0 when it does not exist yet).
  static func lines(_ path: String) -> [Substring] {
    guard let data = FileManager.default.contents(atPath: path) else { return [] }
    return String(decoding: data, as: UTF8.self).split(separator: "\n")
  }

  /// Blocks for a minute or more, so off the cooperative pool (``DedicatedThreadExecutor``).
  @Test func everyAcknowledgedSpanIsInTheFolderAfterSIGKILLs() async throws {
    try await DedicatedThreadExecutor.run("receiver-kill") { try Self.everyAcknowledgedSpanIsInTheFolder() }
  }

  static func everyAcknowledgedSpanIsInTheFolder() throws {
    guard let binary = Self.binary, let python = DecodingFixtures.python3 else {
      if Self.required { Issue.record("the flightdeck binary or python3 is missing") }
      return
    }
    let probe = try DecodingFixtures.runPython(["-c", "import opentelemetry.proto.trace.v1.trace_pb2"])
    guard probe != nil else {
      if Self.required { Issue.record("python3 lacks opentelemetry-proto (pip install opentelemetry-proto)") }
      return
    }
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("fd-kill-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: root) }
    let data = root.appendingPathComponent("data").path
    let acked = root.appendingPathComponent("acked.txt").path
    let stop = root.appendingPathComponent("stop").path
    let port = try Self.freePort()

    var starts = 0
    func startReceiver() throws -> ChildProcess {
      starts += 1
      let p = Process()
      p.executableURL = binary
      p.arguments = ["receive", "--otlp-listen", "127.0.0.1:\(port)", "--data-dir", data]
      let log = root.appendingPathComponent("receiver-\(starts).log")
      _ = FileManager.default.createFile(atPath: log.path, contents: nil)
      let handle = try FileHandle(forWritingTo: log)
      p.standardOutput = handle
      p.standardError = handle
      let child = try ChildProcess(starting: p)
      try Self.waitFor(60, "the receiver to listen on \(port)") {
        guard child.isRunning else { throw CLIWaitTimeout(what: "the receiver (it exited)") }
        return Self.accepts(port)
      }
      return child
    }

    var receiver = try startReceiver()
    let load = Process()
    load.executableURL = python
    load.arguments = [
      DecodingFixtures.repoRoot.appendingPathComponent("Tests/Tools/otlp-ack-load.py").path,
      "http://127.0.0.1:\(port)/v1/traces", acked, stop, "--workers", "4", "--spans", "20",
    ]
    let clientOut = root.appendingPathComponent("client.out")
    _ = FileManager.default.createFile(atPath: clientOut.path, contents: nil)
    load.standardOutput = try FileHandle(forWritingTo: clientOut)
    let client = try ChildProcess(starting: load)
    defer { client.send(SIGKILL) }

    let rounds = 3
    for round in 0..<rounds {
      let before = Self.lines(acked).count
      try Self.waitFor(120, "2000 more acknowledged spans in round \(round + 1)") {
        Self.lines(acked).count >= before + 2000
      }
      receiver.send(SIGKILL)
      #expect(receiver.wait(seconds: 30))
      #expect(receiver.process.terminationReason == .uncaughtSignal)
      receiver = try startReceiver()
    }
    // The last receiver takes load too, then stops cleanly on SIGTERM.
    let before = Self.lines(acked).count
    try Self.waitFor(120, "spans acknowledged after the last restart") {
      Self.lines(acked).count >= before + 1000
    }
    _ = FileManager.default.createFile(atPath: stop, contents: nil)
    try Self.waitFor(60, "the load client to stop") { !client.isRunning }
    receiver.send(SIGTERM)
    let stopped = receiver.waitOrKill(seconds: 30)
    #expect(stopped, "the receiver did not stop within 30 s of SIGTERM")
    #expect(stopped && receiver.process.terminationStatus == 128 + SIGTERM)

    let acknowledged = Self.lines(acked).map(String.init)
    #expect(acknowledged.count >= rounds * 2000 + 1000)
    // The folder, read as replay reads it.
    var stored: Set<String> = []
    var malformed = 0
    let names = try FileManager.default.contentsOfDirectory(atPath: data).sorted()
    for name in names where TelemetryFileName.isTelemetry(name) {
      let bytes = try Data(contentsOf: URL(fileURLWithPath: data).appendingPathComponent(name))
      var decoder = TelemetryLineDecoder(format: .flightdeck, prices: .default)
      for line in bytes.split(separator: 0x0A, omittingEmptySubsequences: true) {
        let r = Array(line).withUnsafeBytes { decoder.decode(line: $0) }
        for record in r.records { stored.insert(record.requestID) }
        malformed += r.errors.count
      }
    }
    let missing = acknowledged.filter { !stored.contains($0) }
    #expect(
      missing.count == 0,
      "\(missing.count) of \(acknowledged.count) acknowledged spans are not in the folder, e.g. \(missing.prefix(3))"
    )
    // At most one torn line per kill.
    #expect(malformed <= rounds)
    // One file per run at least (a new file after each restart).
    #expect(names.filter { $0.hasPrefix("received-") }.count >= rounds + 1)
    let summary = (try? String(contentsOf: clientOut, encoding: .utf8)) ?? ""
    print(
      "kill test: \(rounds) SIGKILLs, \(acknowledged.count) spans acknowledged, \(stored.count) stored, "
        + "\(malformed) torn lines; client: \(summary.trimmingCharacters(in: .whitespacesAndNewlines))")
  }
}
