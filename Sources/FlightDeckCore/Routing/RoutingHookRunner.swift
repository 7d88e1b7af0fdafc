import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Runs an exec hook target's command (<doc:Routing>): the executable with
/// its arguments as given (an argument vector, never a shell string, so no
/// text from outside is ever parsed by a shell), the new routing state on
/// standard input, a deadline, and bounded output.
///
/// The child gets an environment of `PATH=/usr/bin:/bin` only (nothing of
/// FlightDeck's own, such as a database password). At the deadline it is
/// sent `SIGTERM`, then `SIGKILL` a second later. Standard output and
/// standard error are read to their end but only the first
/// ``maximumOutputBytes`` of each are kept.
public struct RoutingHookRunner: Sendable {
  /// What a run ended with.
  public struct Outcome: Sendable, Hashable {
    /// The exit status; `nil` when the child was killed by a signal or timed out.
    public var exitCode: Int32?
    /// Whether the deadline passed (the child was then killed).
    public var timedOut: Bool
    /// The start of standard output then standard error, at most
    /// ``maximumOutputBytes`` of each, as text (invalid UTF-8 replaced).
    public var output: String

    /// An outcome from its parts.
    public init(exitCode: Int32?, timedOut: Bool, output: String) {
      self.exitCode = exitCode
      self.timedOut = timedOut
      self.output = output
    }
  }

  /// The most bytes kept of each output stream.
  public static let maximumOutputBytes = 4_096

  /// A runner.
  public init() {}

  /// Runs `command` (an absolute executable path, then its arguments) with
  /// `input` on standard input, waiting at most `timeoutMs`.
  /// - Throws: when the process cannot be started (the executable is missing
  ///   or not executable).
  public func run(_ command: [String], input: Data, timeoutMs: Int64) throws -> Outcome {
    guard let executable = command.first else {
      throw RoutingRenderError(target: "", reason: "an exec hook needs a command")
    }
    let p = Process()
    p.executableURL = URL(fileURLWithPath: executable)
    p.arguments = Array(command.dropFirst())
    p.environment = ["PATH": "/usr/bin:/bin"]
    let out = Pipe()
    let err = Pipe()
    let inPipe = Pipe()
    p.standardOutput = out
    p.standardError = err
    p.standardInput = inPipe
    let exited = DispatchSemaphore(value: 0)
    p.terminationHandler = { _ in exited.signal() }
    try p.run()
    let readers = DispatchGroup()
    let stdout = BoundedBuffer(limit: Self.maximumOutputBytes)
    let stderr = BoundedBuffer(limit: Self.maximumOutputBytes)
    DispatchQueue.global().async(group: readers) { stdout.drain(out.fileHandleForReading) }
    DispatchQueue.global().async(group: readers) { stderr.drain(err.fileHandleForReading) }
    DispatchQueue.global().async {
      // A hook that does not read its input gets EPIPE, not a hang: the write ends when it exits.
      signal(SIGPIPE, SIG_IGN)
      try? inPipe.fileHandleForWriting.write(contentsOf: input)
      try? inPipe.fileHandleForWriting.close()
    }
    var timedOut = false
    if exited.wait(timeout: .now() + .milliseconds(Int(max(1, timeoutMs)))) != .success {
      timedOut = true
      kill(p.processIdentifier, SIGTERM)
      if exited.wait(timeout: .now() + 1) != .success {
        kill(p.processIdentifier, SIGKILL)
        _ = exited.wait(timeout: .now() + 10)
      }
    }
    // A grandchild may still hold a pipe open; never wait for it for long.
    _ = readers.wait(timeout: .now() + 2)
    let code: Int32? =
      timedOut || p.isRunning || p.terminationReason == .uncaughtSignal ? nil : p.terminationStatus
    var text = String(decoding: stdout.data, as: UTF8.self)
    let e = String(decoding: stderr.data, as: UTF8.self)
    if !e.isEmpty { text += (text.isEmpty ? "" : "\n") + e }
    return Outcome(exitCode: code, timedOut: timedOut, output: text)
  }

  /// The first `limit` bytes read from a handle until its end.
  private final class BoundedBuffer: @unchecked Sendable {
    private let lock = NSLock()
    private var bytes = Data()
    private let limit: Int

    init(limit: Int) { self.limit = limit }

    func drain(_ handle: FileHandle) {
      while let chunk = try? handle.read(upToCount: 16_384), !chunk.isEmpty {
        lock.withLock {
          if bytes.count < limit { bytes.append(chunk.prefix(limit - bytes.count)) }
        }
      }
    }

    var data: Data { lock.withLock { bytes } }
  }
}
