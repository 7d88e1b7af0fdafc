import FlightDeckCore
import Testing

/// ``AuditExport`` writes JSON Lines and RFC 4180 CSV that keep every field.
@Suite struct AuditExportTests {
  static let entries: [AuditEntry] = {
    let a = AuditChain.seal(
      AuditEntry(
        sequence: 1, at: Timestamp(millisecondsSinceEpoch: 1_748_736_000_000), actor: "alice",
        action: .rollback,
        subject: "bot:production", before: #"{"version":"v2"}"#, after: nil, reason: "error, \"bad\"\nrate",
        previousHash: AuditChain.genesisHash, hash: ""))
    return [a]
  }()

  @Test func jsonLines() {
    let h = Self.entries[0].hash
    #expect(
      AuditExport.jsonLines(Self.entries)
        == #"{"action":"rollback","actor":"alice","after":null,"at":1748736000000,"before":"{\"version\":\"v2\"}","hash":""#
        + h
        + #"","previousHash":"0000000000000000000000000000000000000000000000000000000000000000","reason":"error, \"bad\"\nrate","sequence":1,"subject":"bot:production","time":"2025-06-01T00:00:00.000Z"}"#
        + "\n")
    #expect(AuditExport.jsonLines([]) == "")
  }

  @Test func csvQuotesFieldsAsRFC4180() {
    // The newline in the reason is written as the visible escape \x0A (DelimitedField).
    let h = Self.entries[0].hash
    let expected =
      "sequence,at,time,actor,action,subject,before,after,reason,previous_hash,hash,identity\r\n"
      + "1,1748736000000,2025-06-01T00:00:00.000Z,alice,rollback,bot:production,\"{\"\"version\"\":\"\"v2\"\"}\",,"
      + "\"error, \"\"bad\"\"\\x0Arate\",\(AuditChain.genesisHash),\(h),\r\n"
    #expect(AuditExport.csv(Self.entries) == expected)
  }

  /// An entry that records how its actor was identified carries it in both
  /// formats (JSON Lines: the key, only then; CSV: the last column).
  @Test func theIdentityIsExportedWhenRecorded() {
    var e = Self.entries[0]
    e.identity = .flightdeckUser
    e = AuditChain.seal(e)
    let line = AuditExport.jsonLines([e])
    #expect(line.contains(#","identity":"unauthenticated:FLIGHTDECK_USER","previousHash":"#))
    #expect(!AuditExport.jsonLines(Self.entries).contains("identity"))
    #expect(AuditExport.csv([e]).hasSuffix(",\(e.hash),unauthenticated:FLIGHTDECK_USER\r\n"))
  }
}
