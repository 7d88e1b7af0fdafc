import FlightDeckTestSupport
import Foundation
import Testing

@testable import FlightDeckTerminal

/// The write loop shared by the signal handlers and the backend.
@Suite struct SignalSafeWriteTests {
  /// 256 KiB (four times a Linux pipe's buffer) through a blocking pipe
  /// while a reader drains it arrive whole and in order, and the count
  /// returned is all of them. (Linux completes a blocking pipe write unless
  /// a signal interrupts it, so this checks the bytes and the count, not the
  /// partial-write path.)
  @Test func aBlockingPipeGetsEveryByteInOrder() async throws {
    var fds: [Int32] = [0, 0]
    #expect(pipe(&fds) == 0)
    let (readEnd, writeEnd) = (fds[0], fds[1])
    let sent = (0..<262_144).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 8) }
    // Both ends block: each on a thread of its own, off the cooperative pool.
    async let received = DedicatedThreadExecutor.run("signal-safe-write-reader") { () -> [UInt8] in
      var got: [UInt8] = []
      var chunk = [UInt8](repeating: 0, count: 4_096)
      while true {
        let n = chunk.withUnsafeMutableBytes { read(readEnd, $0.baseAddress, 4_096) }
        if n <= 0 { break }
        got += chunk[0..<n]
      }
      return got
    }
    let written = try await DedicatedThreadExecutor.run("signal-safe-write-writer") {
      defer { close(writeEnd) }
      return sent.withUnsafeBytes { SignalSafeWrite.all(writeEnd, $0.baseAddress!, $0.count) }
    }
    let got = try await received
    close(readEnd)
    #expect(written == sent.count)
    #expect(got == sent)
  }

  /// A descriptor that is not open (EBADF) stops the loop at once, silently.
  @Test func aClosedDescriptorWritesNothing() {
    var fds: [Int32] = [0, 0]
    #expect(pipe(&fds) == 0)
    close(fds[0])
    close(fds[1])
    let bytes: [UInt8] = Array("\u{1B}[?1000l".utf8)
    #expect(bytes.withUnsafeBytes { SignalSafeWrite.all(fds[1], $0.baseAddress!, $0.count) } == 0)
  }
}
