import Foundation
import Testing

@testable import FlightDeckCore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// File-taking options and readers say what is wrong with a path, and say
/// "permission denied" only for `EACCES`/`EPERM` (issue 11: a FIFO given
/// as `--config` was reported as a permission problem).
///
/// The tests run as root, which reads a `chmod 000` file anyway, so the
/// permission failures are injected through the check's opener; the other
/// cases (FIFO, directory, dangling link, device, missing file) are real
/// files that root cannot read as telemetry either.
@Suite struct InputFileCheckTests {
  func refusal(
    _ path: String, option: String? = "--config", open: InputFileCheck.Opener = InputFileCheck.systemOpen
  )
    -> String?
  {
    do {
      try InputFileCheck.check(path, option: option, open: open)
      return nil
    } catch {
      return "\(error)"
    }
  }

  static func failing(_ code: Int32) -> InputFileCheck.Opener { { _ in .failure(PosixError(code)) } }

  @Test func eachKindOfUnreadablePathHasItsOwnMessage() throws {
    let dir = try ReplayAggregatorTests.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let file = dir.appendingPathComponent("ok.toml").path
    try Data("x = 1\n".utf8).write(to: URL(fileURLWithPath: file))
    let fifo = dir.appendingPathComponent("pipe.toml").path
    #expect(mkfifo(fifo, 0o644) == 0)
    let dangling = dir.appendingPathComponent("gone.toml").path
    #expect(symlink(dir.appendingPathComponent("nowhere.toml").path, dangling) == 0)
    let link = dir.appendingPathComponent("link.toml").path
    #expect(symlink(file, link) == 0)

    #expect(refusal(file) == nil)
    #expect(refusal(link) == nil)
    // Not opened: a FIFO would block; and it is not a permission problem.
    #expect(refusal(fifo) == "--config: '\(fifo)' is not a regular file (a FIFO)")
    #expect(refusal(dir.path) == "--config: '\(dir.path)' is a directory")
    #expect(
      refusal(dangling) == "--config: '\(dangling)' is a dangling symbolic link (its target does not exist)")
    #expect(refusal(dir.path + "/missing.toml") == "--config: '\(dir.path)/missing.toml' does not exist")
    #expect(
      refusal("/dev/null", option: "--theme")
        == "--theme: '/dev/null' is not a regular file (a character device)")
    #expect(refusal("", option: "--scenario") == "--scenario: '' is empty: give a file")
    // A file inside a regular file: ENOTDIR, "does not exist" rather than permission.
    #expect(refusal(file + "/x") == "--config: '\(file)/x' does not exist")
    // Injected open failures: only EACCES and EPERM are permission problems.
    #expect(
      refusal(file, open: Self.failing(EACCES)) == "--config: '\(file)' cannot be read: permission denied")
    #expect(
      refusal(file, open: Self.failing(EPERM)) == "--config: '\(file)' cannot be read: permission denied")
    #expect(
      refusal(file, open: Self.failing(EIO)) == "--config: '\(file)' cannot be read: input/output error")
    #expect(
      refusal(file, option: nil, open: Self.failing(EMFILE))
        == "'\(file)' cannot be read: too many open files")
  }

  @Test func readProblemSaysPermissionDeniedOnlyForEACCESAndEPERM() {
    #expect(PosixError(EACCES).readProblem == "permission denied")
    #expect(PosixError(EPERM).readProblem == "permission denied")
    #expect(PosixError(ENOENT).readProblem == "no such file or directory")
    #expect(PosixError(EISDIR).readProblem == "is a directory")
    #expect(PosixError(ENXIO).readProblem == "no such device or address")
    // The batch readers' error uses the same words.
    #expect(
      ChunkedLineReader.ReadError(path: "a.jsonl", code: EPERM).description == "a.jsonl: permission denied")
    #expect(
      ChunkedLineReader.ReadError(path: "a.jsonl", code: EIO).description == "a.jsonl: input/output error")
  }

  /// The rules loader and the gate reader check the path before reading, so
  /// a FIFO does not block them and a directory is called one.
  @Test func rulesAndGateReadersNameWhatThePathIs() throws {
    let dir = try ReplayAggregatorTests.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let fifo = dir.appendingPathComponent("rules.yaml").path
    #expect(mkfifo(fifo, 0o644) == 0)
    do {
      _ = try AlertRulesLoader.load(path: fifo)
      Issue.record("a FIFO was loaded")
    } catch let e as AlertRulesFileError {
      #expect(e.errors.map(\.description) == ["\(fifo):1:1: file: the file is not a regular file (a FIFO)"])
    }
    do {
      _ = try AlertRulesLoader.load(path: dir.path)
      Issue.record("a directory was loaded")
    } catch let e as AlertRulesFileError {
      #expect(e.errors.map(\.description) == ["\(dir.path):1:1: file: the file is a directory"])
    }
    do {
      _ = try GateInputReader.read(path: dir.path, name: "results/")
      Issue.record("a directory was read")
    } catch let e as GateInputError {
      #expect(e.description == "results/: the file is a directory")
    }
    do {
      _ = try GateInputReader.read(path: fifo, name: "results.json")
      Issue.record("a FIFO was read")
    } catch let e as GateInputError {
      #expect(e.description == "results.json: the file is not a regular file (a FIFO)")
    }
  }
}
