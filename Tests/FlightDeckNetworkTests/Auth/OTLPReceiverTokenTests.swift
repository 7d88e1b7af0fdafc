import Foundation
import Testing

@testable import FlightDeckNetwork

/// The token file helper: owner-only files are read and trimmed; others are
/// refused with a message that never shows the token.
@Suite struct OTLPReceiverTokenTests {
  static func file(_ contents: String, mode: Int) throws -> String {
    let path = FileManager.default.temporaryDirectory
      .appendingPathComponent("flightdeck-token-\(UUID().uuidString)").path
    FileManager.default.createFile(atPath: path, contents: Data(contents.utf8))
    try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
    return path
  }

  @Test func anOwnerOnlyFileGivesTheTrimmedToken() throws {
    let path = try Self.file("  abc123\n", mode: 0o600)
    defer { try? FileManager.default.removeItem(atPath: path) }
    #expect(try OTLPReceiverToken.read(contentsOf: path) == "abc123")
    let readOnly = try Self.file("xyz\n", mode: 0o400)
    defer { try? FileManager.default.removeItem(atPath: readOnly) }
    #expect(try OTLPReceiverToken.read(contentsOf: readOnly) == "xyz")
  }

  @Test func aGroupOrWorldReadableFileIsRefused() throws {
    for mode in [0o644, 0o640, 0o604, 0o660] {
      let path = try Self.file("hunter2\n", mode: mode)
      defer { try? FileManager.default.removeItem(atPath: path) }
      #expect(throws: OTLPReceiverError.tokenFileTooOpen(path: path, mode: UInt16(mode))) {
        try OTLPReceiverToken.read(contentsOf: path)
      }
      let message = OTLPReceiverError.tokenFileTooOpen(path: path, mode: UInt16(mode)).description
      #expect(message.contains("chmod 600"))
      #expect(!message.contains("hunter2"))
    }
  }

  @Test func missingEmptyOrSpacedTokensAreRefused() throws {
    let empty = try Self.file(" \n", mode: 0o600)
    defer { try? FileManager.default.removeItem(atPath: empty) }
    #expect(throws: OTLPReceiverError.unreadableTokenFile(path: empty, reason: "empty")) {
      try OTLPReceiverToken.read(contentsOf: empty)
    }
    let spaced = try Self.file("two words\n", mode: 0o600)
    defer { try? FileManager.default.removeItem(atPath: spaced) }
    #expect(throws: OTLPReceiverError.self) { try OTLPReceiverToken.read(contentsOf: spaced) }
    #expect(throws: OTLPReceiverError.self) {
      try OTLPReceiverToken.read(contentsOf: "/nonexistent/flightdeck-token")
    }
  }
}
