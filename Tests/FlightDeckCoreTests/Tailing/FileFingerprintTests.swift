import FlightDeckCore
import Testing

/// The identity model's content half: a file is the one fingerprinted
/// earlier when its first bytes still start with the earlier fingerprint.
@Suite struct FileFingerprintTests {
  static func fp(_ text: String) -> FileFingerprint { FileFingerprint(head: Array(text.utf8)) }

  /// Appends keep the first bytes: the grown file extends its fingerprint,
  /// including a short file fingerprinted before it reached the length.
  @Test func appendedFileExtendsItsFingerprint() {
    #expect(Self.fp("{\"ts\":1}\n{\"ts\":2}").extends(Self.fp("{\"ts\":1}\n")))
    #expect(Self.fp("abc").extends(Self.fp("abc")))
    #expect(Self.fp("abc").extends(Self.fp("")))
  }

  /// Other first bytes (a reused inode, a rewrite) or fewer bytes than were
  /// fingerprinted (a truncation) are another file.
  @Test func otherOrFewerFirstBytesAreAnotherFile() {
    #expect(!Self.fp("{\"ts\":9}\n{\"ts\":2}").extends(Self.fp("{\"ts\":1}\n")))
    #expect(!Self.fp("{\"ts\"").extends(Self.fp("{\"ts\":1}\n")))
    #expect(!Self.fp("").extends(Self.fp("a")))
  }

  /// Only a fingerprint of the full length identifies a copy by content.
  @Test func completenessIsTheFullLength() {
    #expect(Self.fp("12345678").isComplete(length: 8))
    #expect(!Self.fp("1234567").isComplete(length: 8))
  }

  /// The description is the length and the FNV-1a 64 hash: FNV-1a of "a" is
  /// 0xaf63dc4c8601ec8c (the published test vector).
  @Test func descriptionIsLengthAndFNV1a() {
    #expect(Self.fp("a").description == "1 bytes #af63dc4c8601ec8c")
    #expect(Self.fp("").description == "0 bytes #cbf29ce484222325")
  }
}
