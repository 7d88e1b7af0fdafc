import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// A child process for tests, waited on with a deadline and never with
/// `Process.waitUntilExit()`.
///
/// On Linux, swift-corelibs-foundation's `waitUntilExit()` spins the calling
/// thread's run loop until it sees the termination; called from a thread
/// that is not the main one (every test runs on one) it can miss it and park
/// the thread for good, a process that exited long ago notwithstanding (the
/// FlightDeck suite hung that way in CI once, after ~100 s of subprocess-heavy
/// tests). Here the termination is observed through `terminationHandler`,
/// set before `run()` so a fast exit cannot be missed, and every wait has a
/// deadline: a child that outlives it is killed with SIGKILL, so a stuck child
/// fails its test instead of stopping the run.
public final class ChildProcess: @unchecked Sendable {
  /// The process (started). Read its `terminationStatus` and
  /// `terminationReason` only after ``wait(seconds:)`` returned `true`.
  public let process: Process
  private let exited = DispatchSemaphore(value: 0)
  private let lock = NSLock()
  private var done = false

  /// Starts `process` (configured, not yet run).
  /// - Throws: what `Process.run()` throws (a missing executable).
  public init(starting process: Process) throws {
    self.process = process
    process.terminationHandler = { [weak self] _ in self?.markExited() }
    try process.run()
  }

  private func markExited() {
    lock.withLock { done = true }
    exited.signal()
  }

  /// The child's process id.
  public var processIdentifier: Int32 { process.processIdentifier }

  /// Whether the child has not yet been seen to exit.
  public var isRunning: Bool { !lock.withLock { done } }

  /// Waits up to `seconds` for the child to exit.
  /// - Returns: `true` when it has exited.
  @discardableResult public func wait(seconds: Double) -> Bool {
    if !isRunning { return true }
    guard exited.wait(timeout: .now() + seconds) == .success else { return !isRunning }
    exited.signal()  // for any other waiter
    return true
  }

  /// Sends `signal` to the child (nothing once it has exited).
  public func send(_ signal: Int32) {
    if isRunning { kill(process.processIdentifier, signal) }
  }

  /// Waits up to `seconds`; a child still running then is killed (SIGKILL)
  /// and waited on for 10 s more.
  /// - Returns: `true` when the child exited within `seconds` by itself.
  @discardableResult public func waitOrKill(seconds: Double) -> Bool {
    if wait(seconds: seconds) { return true }
    send(SIGKILL)
    wait(seconds: 10)
    return false
  }

  /// What a finished child left: its exit status (the signal's number for a
  /// signal), its output, and whether it had to be killed at the deadline.
  public struct Outcome: Sendable {
    /// The exit status, or the number of the signal that ended it; -1 when it never ended.
    public var status: Int32
    /// Whether a signal ended it.
    public var signalled: Bool
    /// Standard output (empty when it was not captured).
    public var stdout: Data
    /// Standard error (empty when it was not captured).
    public var stderr: Data
    /// Whether the deadline passed and the child was killed.
    public var timedOut: Bool
    /// Standard output as UTF-8 text.
    public var text: String { String(decoding: stdout, as: UTF8.self) }
  }

  /// Runs `executable` with `arguments` to completion, capturing both output
  /// streams on background threads (a child filling a pipe never blocks),
  /// feeding it `stdin` when given, and killing it at `timeoutSeconds`.
  /// - Parameters:
  ///   - captureStderr: when `false`, standard error goes to `/dev/null`.
  /// - Throws: what `Process.run()` throws (a missing executable).
  public static func run(
    _ executable: URL, _ arguments: [String], stdin: Data? = nil, currentDirectory: URL? = nil,
    environment: [String: String]? = nil, captureStderr: Bool = true, timeoutSeconds: Double = 300
  ) throws -> Outcome {
    let p = Process()
    p.executableURL = executable
    p.arguments = arguments
    if let currentDirectory { p.currentDirectoryURL = currentDirectory }
    if let environment { p.environment = environment }
    let out = Pipe()
    let err = Pipe()
    let inPipe = Pipe()
    p.standardOutput = out
    p.standardError = captureStderr ? err : FileHandle.nullDevice
    p.standardInput = stdin == nil ? FileHandle.nullDevice : inPipe
    let child = try ChildProcess(starting: p)
    let readers = DispatchGroup()
    let collected = Collected()
    // Each pipe is drained on a thread of its own, never on Dispatch's global
    // queue: under load the global pool may be busy with other tests' blocking
    // work, and a reader that has not started when the 10 s grace below ends
    // returned an empty output (seen: three CLI tests at load 21).
    readers.enter()
    Thread {
      collected.set(stdout: out.fileHandleForReading.readDataToEndOfFile())
      readers.leave()
    }.start()
    if captureStderr {
      readers.enter()
      Thread {
        collected.set(stderr: err.fileHandleForReading.readDataToEndOfFile())
        readers.leave()
      }.start()
    }
    if let stdin {
      Thread {
        inPipe.fileHandleForWriting.write(stdin)
        try? inPipe.fileHandleForWriting.close()
      }.start()
    }
    let exitedInTime = child.waitOrKill(seconds: timeoutSeconds)
    // A grandchild may still hold a pipe open; never wait for it for long.
    _ = readers.wait(timeout: .now() + 10)
    let finished = !child.isRunning
    return Outcome(
      status: finished ? p.terminationStatus : -1,
      signalled: finished && p.terminationReason == .uncaughtSignal,
      stdout: collected.stdout, stderr: collected.stderr, timedOut: !exitedInTime)
  }

  /// Output read on background threads, handed over under a lock.
  private final class Collected: @unchecked Sendable {
    private let lock = NSLock()
    private var out = Data()
    private var err = Data()
    func set(stdout: Data) { lock.withLock { out = stdout } }
    func set(stderr: Data) { lock.withLock { err = stderr } }
    var stdout: Data { lock.withLock { out } }
    var stderr: Data { lock.withLock { err } }
  }
}
