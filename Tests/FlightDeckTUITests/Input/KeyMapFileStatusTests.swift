import FlightDeckCore
import FlightDeckTUI
import FlightDeckTestSupport
import Foundation
import Testing

/// The one reading of a keymap file that `info`, `doctor` and the dashboard share.
@Suite struct KeyMapFileStatusTests {
  func folder() throws -> String {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("fd-keymap-status-\(UUID())")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url.path
  }

  @Test func absentValidAndRefusedFiles() throws {
    let dir = try folder()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let path = dir + "/keymap.toml"
    #expect(KeyMapFileStatus(path: path) == .absent)
    #expect(KeyMapFileStatus(path: path).problems.isEmpty)

    try "[pane.registry]\nrequestPromotion = [\"P\", \"F5\"]\n".write(
      toFile: path, atomically: true, encoding: .utf8)
    let valid = KeyMapFileStatus(path: path)
    #expect(valid == .valid(try KeyMapFile.load(path: path)))
    #expect(valid != .valid(.default))

    // Line 2 names no action; line 3 a key that does not exist: both reported, in file order.
    try "[global]\nlaunchMissiles = \"x\"\nquit = \"Hyper-Q\"\n".write(
      toFile: path, atomically: true, encoding: .utf8)
    let refused = KeyMapFileStatus(path: path)
    guard case .invalid(let error) = refused else {
      Issue.record("expected a refused keymap, got \(refused)")
      return
    }
    #expect(error.problems.map(\.line) == [2, 3])
    #expect(refused.problems.count == 2)
    #expect(refused.problems[0].hasPrefix("\(path):2: global.launchMissiles: "))
  }

  /// A path that exists but cannot be read as a file (a folder) is refused
  /// with one problem, not thrown.
  @Test func aFolderIsRefusedAsUnreadable() throws {
    let dir = try folder()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let status = KeyMapFileStatus(path: dir)
    #expect(status.problems == ["\(dir): cannot read the keymap file"])
  }
}
