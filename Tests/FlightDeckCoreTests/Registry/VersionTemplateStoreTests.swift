import FlightDeckCore
import FlightDeckTestSupport
import Foundation
import Testing

/// The prompt template stored with a version (`registry register … --template
/// FILE`), on every backend: stored byte for byte, its digest the version's
/// `sha256:` source, bounded, immutable, copied by `store migrate`.
@Suite struct VersionTemplateStoreTests {
  typealias F = RegistryFixture
  let clock = TestClock()

  /// FIPS 180-2, appendix B.1: SHA-256("abc").
  static let abcDigest = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"

  func seeded(_ backend: StoreUnderTest) throws -> any RegistryStore {
    let store = try backend.make(clock: clock)
    try F.seed(store, clock: clock)
    return store
  }

  func register(
    _ store: any RegistryStore, _ label: String, template: String?, source: SourceReference? = nil
  )
    throws -> RegistryOutcome
  {
    try store.perform(
      .registerVersion(
        artefact: "support-bot", label: label, source: source, tags: [:], description: "", template: template),
      as: F.alice)
  }

  @Test(arguments: StoreUnderTest.all) func aTemplateIsStoredWithItsDigestAsTheSource(
    _ backend: StoreUnderTest
  )
    throws
  {
    let store = try seeded(backend)
    let out = try register(store, "v14", template: "abc")
    #expect(
      out.message == "registered support-bot v14 from sha256:\(Self.abcDigest) with its template (3 bytes)")
    let v = try #require(try store.snapshot().artefact("support-bot")?.versions.last)
    #expect(v.source == SourceReference(kind: .sha256, value: Self.abcDigest))
    #expect(try store.versionTemplate(artefact: "support-bot", version: "v14") == "abc")
    // A version registered without one has none; an unknown version is not found.
    #expect(try store.versionTemplate(artefact: "support-bot", version: "v13") == nil)
    let error = #expect(throws: RegistryError.self) {
      try store.versionTemplate(artefact: "support-bot", version: "v99")
    }
    #expect(error?.code == .notFound)
    // The same digest given as the source is accepted.
    _ = try register(
      store, "v15", template: "abc", source: SourceReference(kind: .sha256, value: Self.abcDigest))
    #expect(try store.versionTemplate(artefact: "support-bot", version: "v15") == "abc")
  }

  @Test(arguments: StoreUnderTest.all) func theBytesComeBackExactly(_ backend: StoreUnderTest) throws {
    let store = try seeded(backend)
    // CRLF and LF, a tab, trailing spaces, combining marks, astral emoji, a BOM-like U+FEFF.
    let text = "\u{FEFF}You are {{role}}.\r\nAnswer in {{language}}:\t\n  café  e\u{301}\n🚀 done\n"
    _ = try register(store, "v14", template: text)
    let back = try #require(try store.versionTemplate(artefact: "support-bot", version: "v14"))
    #expect(Array(back.utf8) == Array(text.utf8))
    let v = try #require(try store.snapshot().artefact("support-bot")?.versions.last)
    #expect(v.source == SourceReference.sha256(of: Data(text.utf8)))
    // The boundary: exactly 256 KiB is kept.
    let largest = String(repeating: "x", count: PromptTemplate.maximumBytes)
    _ = try register(store, "v15", template: largest)
    #expect(try store.versionTemplate(artefact: "support-bot", version: "v15")?.utf8.count == 262_144)
  }

  @Test(arguments: StoreUnderTest.all) func badTemplatesAreRefused(_ backend: StoreUnderTest) throws {
    let store = try seeded(backend)
    func refused(_ template: String, source: SourceReference? = nil) throws -> String {
      try F.expectRefusal(
        store,
        .registerVersion(
          artefact: "support-bot", label: "v14", source: source, tags: [:], description: "",
          template: template),
        as: F.alice, .invalidInput(field: "template"))
    }
    #expect(try refused("") == "template is empty")
    #expect(
      try refused(String(repeating: "é", count: 131_073))
        == "template is 262146 bytes; at most 262144 (256 KiB) are kept")
    #expect(try refused("a\u{0}b") == "template contains a NUL character (U+0000)")
    let other = SourceReference(kind: .sha256, value: String(repeating: "0", count: 64))
    #expect(
      try refused("abc", source: other)
        == "the source sha256:\(String(repeating: "0", count: 64)) is not the template's digest sha256:\(Self.abcDigest); give the template alone"
    )
    #expect(try store.versionTemplate(artefact: "support-bot", version: "v13") == nil)
  }

  @Test(arguments: StoreUnderTest.all) func aStoredTemplateCannotBeChangedOrRemoved(_ backend: StoreUnderTest)
    throws
  {
    let store = try seeded(backend)
    _ = try register(store, "v14", template: "abc")
    let rows = try #require(store as? any StoreRowTransfer)
    #expect(throws: RegistryError.self) {
      try rows.writingRows { try $0.execute("UPDATE version_template SET body = 'abd'") }
    }
    #expect(throws: RegistryError.self) {
      try rows.writingRows { try $0.execute("DELETE FROM version_template") }
    }
    #expect(try store.versionTemplate(artefact: "support-bot", version: "v14") == "abc")
  }

  /// PostgreSQL recomputes the digest itself (`sha256()` in the table's
  /// CHECK): a row written by hand with another digest is refused.
  @Test(arguments: StoreUnderTest.all.filter { $0 == .postgres })
  func theDatabaseChecksTheDigest(_ backend: StoreUnderTest) throws {
    let store = try seeded(backend)
    let rows = try #require(store as? any StoreRowTransfer)
    #expect(throws: RegistryError.self) {
      try rows.writingRows {
        try $0.execute(
          "INSERT INTO version_template (artefact, label, sha256, body) VALUES (?, ?, ?, ?)",
          binding: ["support-bot", "v13", String(repeating: "0", count: 64), "abc"])
      }
    }
    try rows.writingRows {
      try $0.execute(
        "INSERT INTO version_template (artefact, label, sha256, body) VALUES (?, ?, ?, ?)",
        binding: ["support-bot", "v13", Self.abcDigest, "abc"])
    }
    #expect(try store.versionTemplate(artefact: "support-bot", version: "v13") == "abc")
  }

  /// `flightdeck store migrate`: the template table comes along, and the
  /// copy on the other side answers the same text.
  @Test(arguments: StoreUnderTest.all) func aCopyCarriesTheTemplates(into backend: StoreUnderTest) throws {
    let source = try SQLiteRegistryStore.inMemory(clock: clock)
    try F.seed(source, clock: clock)
    _ = try register(source, "v14", template: "abc")
    _ = try register(source, "v15", template: "Hello {{name}} 👋\n")
    let target = try #require(try backend.make(clock: clock) as? any StoreRowTransfer)
    let copied = try source.readingRows { s in
      try target.writingRows { t in try SQLStoreCopy.copy(from: s, to: t) }
    }
    #expect(copied["version_template"] == 2)
    #expect(try target.versionTemplate(artefact: "support-bot", version: "v14") == "abc")
    #expect(try target.versionTemplate(artefact: "support-bot", version: "v15") == "Hello {{name}} 👋\n")
    #expect(try target.verifyAudit().isIntact)
  }

  @Test func aFileMustBeUTF8() throws {
    let error = #expect(throws: RegistryError.self) {
      try PromptTemplate(data: Data([0x61, 0x62, 0xC3, 0x28, 0x63]))
    }
    #expect(error?.message == "template is not UTF-8 text (first bad byte at offset 2)")
    #expect(try PromptTemplate(data: Data("abc".utf8)).digest == Self.abcDigest)
  }
}
