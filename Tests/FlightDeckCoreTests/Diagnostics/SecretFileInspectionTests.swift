import FlightDeckCore
import Foundation
import Testing

/// What `flightdeck doctor` says of a secret file, from its mode, type,
/// size and owner, never its content.
@Suite struct SecretFileInspectionTests {
  let dir: URL = {
    let d = FileManager.default.temporaryDirectory.appendingPathComponent("fd-secret-\(UUID().uuidString)")
    try? FileManager.default.createDirectory(at: d, withIntermediateDirectories: true)
    return d
  }()

  func file(_ name: String, _ content: String, mode: Int) throws -> String {
    let path = dir.appendingPathComponent(name).path
    try Data(content.utf8).write(to: URL(fileURLWithPath: path))
    try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
    return path
  }

  @Test func ownerOnlyIsOkAndTheContentIsNeverShown() throws {
    let path = try file("token", "s3cr3t-value\n", mode: 0o600)
    let (outcome, detail) = SecretFileInspection.inspect(path, maxBytes: 4096)
    #expect(outcome == .ok)
    #expect(detail == "\(path): owner-only (mode 600), 13 bytes")
    #expect(SecretFileInspection.inspect(try file("ro", "x", mode: 0o400), maxBytes: 4096).0 == .ok)
  }

  @Test(arguments: [0o640, 0o604, 0o644, 0o660, 0o666])
  func groupOrOtherBitsFail(_ mode: Int) throws {
    let path = try file("open-\(mode)", "s3cr3t", mode: mode)
    let (outcome, detail) = SecretFileInspection.inspect(path, maxBytes: 4096)
    #expect(outcome == .fail)
    #expect(detail.contains("(mode \(String(mode, radix: 8)))"))
    #expect(detail.hasSuffix("chmod 600 \(path)"))
    #expect(!detail.contains("s3cr3t"))
  }

  @Test func missingEmptyTooLargeAndFoldersFail() throws {
    let missing = dir.appendingPathComponent("nope").path
    #expect(
      SecretFileInspection.inspect(missing, maxBytes: 10) == (.fail, "\(missing): No such file or directory"))
    let empty = try file("empty", "", mode: 0o600)
    #expect(SecretFileInspection.inspect(empty, maxBytes: 10) == (.fail, "\(empty) is empty"))
    let big = try file("big", String(repeating: "x", count: 11), mode: 0o600)
    #expect(SecretFileInspection.inspect(big, maxBytes: 10) == (.fail, "\(big) is larger than 10 bytes"))
    #expect(
      SecretFileInspection.inspect(dir.path, maxBytes: 10) == (.fail, "\(dir.path) is not a regular file"))
  }

  @Test func aLinkIsFollowedAndItsTargetJudged() throws {
    let target = try file("target", "k", mode: 0o600)
    let link = dir.appendingPathComponent("link").path
    try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target)
    #expect(
      SecretFileInspection.inspect(link, maxBytes: 10) == (
        .ok, "\(link) (a link to \(target)): owner-only (mode 600), 1 bytes"
      ))
    try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: target)
    #expect(SecretFileInspection.inspect(link, maxBytes: 10).0 == .fail)
  }

  @Test func anotherOwnerIsAWarning() throws {
    let path = try file("theirs", "k", mode: 0o600)
    let (outcome, detail) = SecretFileInspection.inspect(path, maxBytes: 10, effectiveUser: geteuid() + 1)
    #expect(outcome == .warn)
    #expect(detail.contains("owned by uid \(geteuid()), not this user (uid \(geteuid() + 1))"))
  }
}
