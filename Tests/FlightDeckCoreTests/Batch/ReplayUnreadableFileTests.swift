import Foundation
import Testing

@testable import FlightDeckCore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// One unreadable file no longer stops `replay` (issue 11): it is left out
/// and reported, the others are aggregated, as the dashboard marks such a
/// source failing and follows the rest.
///
/// The tests run as root, which reads `chmod 000` files, so the open failure
/// is injected through ``ReplayOptions/openFile``; the FIFO case opens a real
/// FIFO in place of the file (as if it had been swapped in after expansion).
@Suite struct ReplayUnreadableFileTests {
  /// A folder with a.jsonl (2 requests of "gpt-4o"), b.jsonl (1 of "claude") and c.jsonl (1 of "gpt-4o").
  static func folder() throws -> URL {
    let dir = try ReplayAggregatorTests.temporaryDirectory()
    func write(_ name: String, _ lines: [String]) throws {
      try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: dir.appendingPathComponent(name))
    }
    func record(_ id: String, _ artefact: String) -> String {
      ReplayAggregatorTests.line(
        "2025-06-01T00:00:00Z", id, artefact: artefact, kind: "model", version: "v1", route: "stable",
        latency: "100", input: 1, output: 2, cost: "0.5", status: "ok")
    }
    try write("a.jsonl", [record("r1", "gpt-4o"), record("r2", "gpt-4o")])
    try write("b.jsonl", [record("r3", "claude")])
    try write("c.jsonl", [record("r4", "gpt-4o")])
    return dir
  }

  @Test func permissionDeniedFileIsLeftOutAndTheOthersAreRead() throws {
    let dir = try Self.folder()
    defer { try? FileManager.default.removeItem(at: dir) }
    let b = dir.path + "/b.jsonl"
    var options = ReplayOptions()
    options.openFile = { path in
      path == b ? .failure(PosixError(EACCES)) : InputFileCheck.systemOpen(path)
    }
    let result = try ReplayAggregator.run(paths: [dir.path], options: options)
    // a.jsonl's 2 and c.jsonl's 1 requests of gpt-4o; nothing of claude.
    #expect(result.records == 3)
    #expect(result.rows.map(\.key.artefact) == ["gpt-4o"])
    #expect(result.rows.first?.stats.requests == 3)
    #expect(result.unreadableFiles.map(\.description) == ["\(b): open failed: permission denied"])
    #expect(result.malformedLines == 0)
  }

  @Test func otherOpenFailuresAreNotCalledPermissionProblems() throws {
    let dir = try Self.folder()
    defer { try? FileManager.default.removeItem(at: dir) }
    let a = dir.path + "/a.jsonl"
    let c = dir.path + "/c.jsonl"
    var options = ReplayOptions()
    options.openFile = { path in
      switch path {
      case a: return .failure(PosixError(EIO))
      case c: return .failure(PosixError(EPERM))
      default: return InputFileCheck.systemOpen(path)
      }
    }
    let result = try ReplayAggregator.run(paths: [dir.path], options: options)
    #expect(result.records == 1)
    #expect(result.rows.map(\.key.artefact) == ["claude"])
    #expect(
      result.unreadableFiles.map(\.description) == [
        "\(a): open failed: input/output error", "\(c): open failed: permission denied",
      ])
  }

  /// A file root cannot read either: a write-only sysfs attribute, which
  /// the kernel (kernfs) refuses to open for reading with `EACCES` whatever
  /// the caller's privileges. `nil` where there is none (no /sys).
  static let writeOnlySysfsFile: String? = {
    for path in ["/sys/bus/pci/rescan", "/sys/bus/pci/drivers_probe", "/sys/bus/nd/drivers_probe"] {
      let fd = open(path, O_RDONLY | O_NONBLOCK)
      if fd >= 0 {
        close(fd)
        continue
      }
      if errno == EACCES { return path }
    }
    return nil
  }()

  /// No injection: b.jsonl is a symbolic link to a write-only sysfs file, a
  /// regular file that open(2) refuses with EACCES even for root.
  @Test(.enabled(if: writeOnlySysfsFile != nil)) func realPermissionDeniedFileIsLeftOut() throws {
    let dir = try Self.folder()
    defer { try? FileManager.default.removeItem(at: dir) }
    let b = dir.path + "/b.jsonl"
    try FileManager.default.removeItem(atPath: b)
    #expect(symlink(try #require(Self.writeOnlySysfsFile), b) == 0)
    let result = try ReplayAggregator.run(paths: [dir.path], options: ReplayOptions())
    #expect(result.records == 3)
    #expect(result.unreadableFiles.map(\.description) == ["\(b): open failed: permission denied"])
    // The same words from the file-option check.
    #expect(
      throws: InputFileCheck.Problem(option: "--config", path: b, reason: "cannot be read: permission denied")
    ) {
      try InputFileCheck.check(b, option: "--config")
    }
  }

  /// The dashboard's tailer says the same of the same file, marks it
  /// failing and follows the rest.
  @Test(.enabled(if: writeOnlySysfsFile != nil)) func dashboardSaysTheSameOfTheSameFile() throws {
    let dir = try Self.folder()
    defer { try? FileManager.default.removeItem(at: dir) }
    let b = dir.path + "/b.jsonl"
    try FileManager.default.removeItem(atPath: b)
    #expect(symlink(try #require(Self.writeOnlySysfsFile), b) == 0)
    let tailer = Tailer(patterns: [dir.path])
    let events = TailFixture.poll(tailer)
    #expect(events.contains(.readError(b, "open failed: permission denied")))
    #expect(tailer.sourceStatuses.map(\.state) == [.following, .failing, .following])
  }

  @Test func fifoSwappedInIsNotARegularFileAndDoesNotBlock() throws {
    let dir = try Self.folder()
    defer { try? FileManager.default.removeItem(at: dir) }
    let fifo = dir.appendingPathComponent("pipe").path
    #expect(mkfifo(fifo, 0o644) == 0)
    let b = dir.path + "/b.jsonl"
    var options = ReplayOptions()
    options.openFile = { path in InputFileCheck.systemOpen(path == b ? fifo : path) }
    let result = try ReplayAggregator.run(paths: [dir.path], options: options)
    #expect(result.records == 3)
    #expect(result.unreadableFiles.map(\.description) == ["\(b): not a regular file (a FIFO)"])
  }
}
