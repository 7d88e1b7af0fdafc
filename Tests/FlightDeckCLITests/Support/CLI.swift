import FlightDeckTestSupport
import Foundation
import Testing

/// Runs the built `flightdeck` executable with arguments and checks its exit
/// code and output, as swift-argument-parser's `AssertExecuteCommand` does
/// for its examples: the end-to-end view of the command line, arguments in,
/// text and status out.
///
/// Every run is in ``directory`` with `FLIGHTDECK_USER` set (the SQLite
/// store's asserted operator), `FLIGHTDECK_STORE`/`FLIGHTDECK_CONFIG_DIR`
/// cleared and a log file of its own, and is killed after two minutes.
struct CLI: Sendable {
  /// The executable (``FlightDeckBinary/url``).
  let binary: URL
  /// The working folder every run starts in.
  let directory: URL

  /// A harness in a new temporary folder, or `nil` (the test skips) when
  /// the executable is missing; under `CI=true` a missing executable is a
  /// failure.
  static func make(sourceLocation: SourceLocation = #_sourceLocation) throws -> CLI? {
    guard let binary = FlightDeckBinary.url else {
      if ProcessInfo.processInfo.environment["CI"] == "true" {
        Issue.record(
          "the flightdeck binary is missing: swift build --build-tests first", sourceLocation: sourceLocation)
      }
      return nil
    }
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
      "fd-cli-\(UUID().uuidString.prefix(8))")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    return CLI(binary: binary, directory: directory)
  }

  /// A harness on a copy of `other`'s folder (its workspaces and files), for
  /// a test that changes them.
  func copy() throws -> CLI {
    let target = FileManager.default.temporaryDirectory.appendingPathComponent(
      "fd-cli-\(UUID().uuidString.prefix(8))")
    try FileManager.default.copyItem(at: directory, to: target)
    return CLI(binary: binary, directory: target)
  }

  /// Runs `flightdeck ARGUMENTS` as `user` to completion.
  /// - Throws: when the executable cannot be started.
  /// - Parameters:
  ///   - settings: environment variables to set (or, with `""`, to clear) for this run.
  func run(
    _ arguments: [String], user: String = "alice", stdin: Data? = nil, settings: [String: String] = [:]
  ) throws -> ChildProcess.Outcome {
    var environment = ProcessInfo.processInfo.environment
    environment["FLIGHTDECK_USER"] = user
    environment["FLIGHTDECK_LOG"] = directory.appendingPathComponent("flightdeck.log").path
    environment["FLIGHTDECK_STORE"] = nil
    // The operator's own configuration folder is an empty one of this run's, unless a test gives one.
    environment["FLIGHTDECK_CONFIG_DIR"] = directory.appendingPathComponent("no-user-config").path
    for (name, value) in settings { environment[name] = value.isEmpty ? nil : value }
    return try ChildProcess.run(
      binary, arguments, stdin: stdin, currentDirectory: directory, environment: environment,
      timeoutSeconds: 120)
  }

  /// Starts `flightdeck ARGUMENTS` in this folder as alice, its standard
  /// output going to the file `output` (created empty), for a command that
  /// runs until stopped (`rollout status --watch`).
  /// - Parameter settings: environment variables to add.
  func start(_ arguments: [String], output: String, settings: [String: String] = [:]) throws -> ChildProcess {
    FileManager.default.createFile(atPath: output, contents: nil)
    let process = Process()
    process.executableURL = binary
    process.arguments = arguments
    process.currentDirectoryURL = directory
    var environment = ProcessInfo.processInfo.environment
    environment["FLIGHTDECK_USER"] = "alice"
    for (name, value) in settings { environment[name] = value }
    process.environment = environment
    process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: output))
    return try ChildProcess(starting: process)
  }

  /// Runs `flightdeck ARGUMENTS` and expects exit status `exit` and each of
  /// the given texts in its standard output and standard error.
  /// - Returns: the outcome, for further checks.
  @discardableResult
  func expect(
    _ arguments: [String], exit: Int32, user: String = "alice", stdout: [String] = [], stderr: [String] = [],
    sourceLocation: SourceLocation = #_sourceLocation
  ) throws -> ChildProcess.Outcome {
    let outcome = try run(arguments, user: user)
    let err = String(decoding: outcome.stderr, as: UTF8.self)
    let command = "flightdeck " + arguments.joined(separator: " ")
    #expect(
      outcome.status == exit && !outcome.signalled && !outcome.timedOut,
      "\(command): exit \(outcome.status), expected \(exit); stderr: \(err.prefix(600))",
      sourceLocation: sourceLocation)
    for text in stdout {
      #expect(
        outcome.text.contains(text), "\(command): stdout lacks \(text): \(outcome.text.prefix(600))",
        sourceLocation: sourceLocation)
    }
    for text in stderr {
      #expect(
        err.contains(text), "\(command): stderr lacks \(text): \(err.prefix(600))",
        sourceLocation: sourceLocation)
    }
    // Every refusal (exit 1) that says why reads `error: …`, as the commands' help promises
    // (`doctor` exits 1 with its report on stdout and nothing on stderr).
    if exit == 1 && outcome.status == 1 && !err.isEmpty {
      #expect(
        err.split(separator: "\n").contains { $0.hasPrefix("error: ") },
        "\(command): a refusal without an `error: ` line: \(err.prefix(600))", sourceLocation: sourceLocation)
    }
    return outcome
  }

  /// Runs `flightdeck ARGUMENTS`, expects exit status `exit` (default 0)
  /// and one JSON document on standard output.
  /// - Returns: the document (`nil` when it did not parse; recorded as a failure).
  func json(
    _ arguments: [String], exit: Int32 = 0, user: String = "alice",
    sourceLocation: SourceLocation = #_sourceLocation
  ) throws -> JSONValue? {
    let outcome = try expect(arguments, exit: exit, user: user, sourceLocation: sourceLocation)
    guard let value = JSONValue(outcome.stdout) else {
      Issue.record(
        "flightdeck \(arguments.joined(separator: " ")): stdout is not one JSON document: \(outcome.text.prefix(400))",
        sourceLocation: sourceLocation)
      return nil
    }
    return value
  }

  /// A path inside ``directory``.
  func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

  /// Deletes the folder.
  func remove() { try? FileManager.default.removeItem(at: directory) }
}
