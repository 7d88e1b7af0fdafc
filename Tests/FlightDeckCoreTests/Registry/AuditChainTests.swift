import FlightDeckCore
import Testing

/// ``AuditChain``: the canonical form, the hash against an independent
/// SHA-256, sealing, and the pure verifier on hand-built chains.
@Suite struct AuditChainTests {
  static let entry = AuditEntry(
    sequence: 1, at: Timestamp(millisecondsSinceEpoch: 1_748_736_000_000), actor: "alice",
    action: .pointerMove,
    subject: "support-bot:production", before: #"{"version":"v12"}"#,
    after: #"{"request":4,"version":"v13"}"#,
    reason: "ship it", previousHash: AuditChain.genesisHash, hash: "")

  @Test func canonicalFormOfAnEntry() {
    #expect(AuditChain.genesisHash == String(repeating: "0", count: 64))
    #expect(
      AuditChain.canonicalJSON(of: Self.entry)
        == #"{"action":"pointer.move","actor":"alice","after":"{\"request\":4,\"version\":\"v13\"}","at":1748736000000,"before":"{\"version\":\"v12\"}","previousHash":"0000000000000000000000000000000000000000000000000000000000000000","reason":"ship it","sequence":1,"subject":"support-bot:production"}"#
    )
  }

  @Test func hashMatchesAnIndependentSHA256() {
    // Z=$(printf '0%.0s' {1..64}); C='<the canonical JSON above>'
    // printf '%s' "$Z$C" | sha256sum
    // → 7fc02cdc5755ab1af3129efaaf6734368f182e0eca0a511d55385aa6af765965
    let sealed = AuditChain.seal(Self.entry)
    #expect(sealed.hash == "7fc02cdc5755ab1af3129efaaf6734368f182e0eca0a511d55385aa6af765965")
    // printf '%s' abc | sha256sum (FIPS 180-2 example B.1)
    #expect(
      AuditChain.hash(previousHash: "", canonicalJSON: "abc")
        == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    // The hash ignores the stored `hash` field.
    var other = Self.entry
    other.hash = "ff"
    #expect(AuditChain.seal(other).hash == sealed.hash)
  }

  /// A chain of `n` sealed entries with subjects e1, e2, ….
  static func chain(_ n: Int) -> [AuditEntry] {
    var out: [AuditEntry] = []
    var previous = AuditChain.genesisHash
    for i in 1...n {
      let e = AuditChain.seal(
        AuditEntry(
          sequence: Int64(i), at: Timestamp(millisecondsSinceEpoch: Int64(i) * 1000), actor: "alice",
          action: .versionRegister, subject: "e\(i)", before: nil, after: "{}", reason: "",
          previousHash: previous,
          hash: ""))
      out.append(e)
      previous = e.hash
    }
    return out
  }

  @Test func verifiesAnIntactChainAndAnEmptyOne() {
    let c = Self.chain(5)
    let r = AuditChain.verify(storedOrder: c, recordedHead: (5, c[4].hash))
    #expect(r.isIntact && r.entriesChecked == 5 && r.headHash == c[4].hash)
    let empty = AuditChain.verify(storedOrder: [], recordedHead: (0, AuditChain.genesisHash))
    #expect(empty.isIntact && empty.entriesChecked == 0 && empty.headHash == nil)
  }

  @Test func classifiesEachTamperingInMemory() {
    let c = Self.chain(6)
    let head = (sequence: Int64(6), hash: c[5].hash)
    var edited = c
    edited[2].reason = "forged"
    #expect(AuditChain.verify(storedOrder: edited, recordedHead: head).problem?.tampering == .edited)
    #expect(AuditChain.verify(storedOrder: edited, recordedHead: head).problem?.sequence == 3)

    var deleted = c
    deleted.remove(at: 3)
    let d = AuditChain.verify(storedOrder: deleted, recordedHead: head)
    #expect(d.problem?.tampering == .deleted && d.problem?.sequence == 4 && d.entriesChecked == 3)

    var reordered = c
    reordered.swapAt(1, 2)
    let r = AuditChain.verify(storedOrder: reordered, recordedHead: head)
    #expect(r.problem?.tampering == .reordered && r.problem?.sequence == 2)

    // A forged 7th entry, linked and sealed: only the head shows it.
    let forged = AuditChain.seal(
      AuditEntry(
        sequence: 7, at: Timestamp(millisecondsSinceEpoch: 7000), actor: "mallory", action: .rollback,
        subject: "x",
        before: nil, after: nil, reason: "", previousHash: c[5].hash, hash: ""))
    let i = AuditChain.verify(storedOrder: c + [forged], recordedHead: head)
    #expect(i.problem?.tampering == .inserted && i.problem?.sequence == 7)
    #expect(AuditChain.verify(storedOrder: c + [forged], recordedHead: nil).isIntact)
  }
}
