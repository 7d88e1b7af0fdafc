import Foundation
import Testing

@testable import FlightDeckCore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A file whose read fails (not its open) is left out and reported too
/// (issue 11, finding F6: a symbolic link to `/proc/self/mem`, a regular
/// file of size 0 whose read fails with EIO, gave `unreadable_files: []`,
/// because replay read only up to the size `fstat` gave).
@Suite struct ReplayReadFailureTests {
  /// The read failure is injected through ``ReplayOptions/openFile``: b.jsonl
  /// is opened write-only, so `fstat` finds a regular file and every read
  /// fails with EBADF. With b.jsonl emptied, its size is 0, as
  /// `/proc/self/mem`'s.
  @Test(arguments: [false, true]) func readFailureIsLeftOutAndTheOthersAreRead(empty: Bool) throws {
    let dir = try ReplayUnreadableFileTests.folder()
    defer { try? FileManager.default.removeItem(at: dir) }
    let b = dir.path + "/b.jsonl"
    if empty { try Data().write(to: URL(fileURLWithPath: b)) }
    var options = ReplayOptions()
    options.openFile = { path in
      guard path == b else { return InputFileCheck.systemOpen(path) }
      let fd = open(path, O_WRONLY | O_CLOEXEC)
      return fd >= 0 ? .success(fd) : .failure(PosixError(errno))
    }
    let result = try ReplayAggregator.run(paths: [dir.path], options: options)
    #expect(result.records == 3)
    #expect(result.rows.map(\.key.artefact) == ["gpt-4o"])
    #expect(result.unreadableFiles.map(\.description) == ["\(b): read failed: bad file descriptor"])
  }

  /// The breaker's repro, no injection: b.jsonl is a symbolic link to
  /// `/proc/self/mem` (Linux), whose read at offset 0 fails with EIO.
  @Test(.enabled(if: FileManager.default.fileExists(atPath: "/proc/self/mem")))
  func procSelfMemIsAnInputOutputError() throws {
    let dir = try ReplayUnreadableFileTests.folder()
    defer { try? FileManager.default.removeItem(at: dir) }
    let b = dir.path + "/b.jsonl"
    try FileManager.default.removeItem(atPath: b)
    #expect(symlink("/proc/self/mem", b) == 0)
    let result = try ReplayAggregator.run(paths: [dir.path], options: ReplayOptions())
    #expect(result.records == 3)
    #expect(result.unreadableFiles.map(\.description) == ["\(b): read failed: input/output error"])
  }
}
