import Crypto

/// The hash chain of the audit log: how an entry is sealed and how a log is
/// verified.
///
/// `hash = lower-case hex SHA-256( UTF-8(previousHash) ‖ UTF-8(canonicalJSON) )`,
/// where `canonicalJSON` is the entry's every field except `hash` as
/// ``CanonicalJSON`` (RFC 8785 for the subset used) and the first entry's
/// `previousHash` is ``genesisHash``. This is the construction of Git's and
/// Certificate Transparency's hash chains (Crosby & Wallach, "Efficient Data
/// Structures for Tamper-Evident Logging", USENIX Security 2009).
///
/// What it guarantees, honestly: an edit, deletion, reordering or insertion
/// of some entries is detected, and the first affected entry named, as long
/// as the attacker does not rewrite every later entry *and* the recorded head
/// (sequence and hash of the last entry, kept in the same database). Someone
/// who can rewrite the whole file can recompute everything; only a head hash
/// exported elsewhere (`flightdeck audit verify` prints it) catches that.
public enum AuditChain {
  /// The `previousHash` of the first entry: 64 zeros.
  public static let genesisHash = String(repeating: "0", count: 64)

  /// The canonical JSON of `entry` without its `hash`: keys `action`,
  /// `actor`, `after`, `at` (ms since the epoch, integer), `before`,
  /// `identity` (only when recorded), `previousHash`, `reason`, `sequence`,
  /// `subject`, sorted, no whitespace. `before`/`after` are embedded as JSON
  /// strings (their stored text), or `null`.
  ///
  /// `identity` (``AuditEntry/identity``, its raw value such as
  /// `"unauthenticated:os-user"`) is left out, not written as `null`, when
  /// the entry has none: entries written before FlightDeck recorded it hash
  /// exactly as they did, so existing chains still verify, while an entry
  /// that has one cannot lose it, gain one or change it (say from
  /// `unauthenticated:…` to `database-role`) without its hash changing.
  public static func canonicalJSON(of entry: AuditEntry) -> String {
    CanonicalJSON.object(members(of: entry))
  }

  /// The members ``canonicalJSON(of:)`` encodes (every field but `hash`;
  /// `identity` only when present).
  public static func members(of entry: AuditEntry) -> [String: CanonicalJSON.Value] {
    var members: [String: CanonicalJSON.Value] = [
      "sequence": .integer(entry.sequence),
      "at": .integer(entry.at.millisecondsSinceEpoch),
      "actor": .string(entry.actor),
      "action": .string(entry.action.rawValue),
      "subject": .string(entry.subject),
      "before": .optional(entry.before),
      "after": .optional(entry.after),
      "reason": .string(entry.reason),
      "previousHash": .string(entry.previousHash),
    ]
    if let identity = entry.identity { members["identity"] = .string(identity.rawValue) }
    return members
  }

  /// Lower-case hex SHA-256 (FIPS 180-4) of `UTF-8(previousHash) ‖ UTF-8(canonicalJSON)`.
  public static func hash(previousHash: String, canonicalJSON: String) -> String {
    var hasher = SHA256()
    hasher.update(data: Array(previousHash.utf8))
    hasher.update(data: Array(canonicalJSON.utf8))
    return hex(hasher.finalize())
  }

  /// `unsealed` with `hash` computed from its other fields.
  public static func seal(_ unsealed: AuditEntry) -> AuditEntry {
    var e = unsealed
    e.hash = hash(previousHash: e.previousHash, canonicalJSON: canonicalJSON(of: e))
    return e
  }

  /// Whether `entry.hash` matches its other fields.
  public static func isSealedCorrectly(_ entry: AuditEntry) -> Bool {
    entry.hash == hash(previousHash: entry.previousHash, canonicalJSON: canonicalJSON(of: entry))
  }

  /// Walks `storedOrder` (the entries in the order the store keeps them) and
  /// reports the first entry that was edited, deleted, reordered or inserted.
  ///
  /// Entry by entry, expecting sequence 1, 2, 3… each linked to the previous:
  /// - a sequence out of place whose expected entry is stored later → **reordered**
  ///   (reports the sequence that is not where it belongs);
  /// - a sequence seen before → **inserted** (a second entry claims it; the
  ///   detail says which copy the next entry links to);
  /// - a gap whose entry links to a hash that is not the previous one → **deleted**
  ///   (reports the first missing sequence); a gap whose entry does link to the
  ///   previous one and is sealed correctly → **inserted** (forged with a jump);
  /// - an entry linking to its predecessor's predecessor → the predecessor was **inserted**;
  /// - an entry whose hash does not match its content → **edited**;
  /// - an entry whose predecessor's hash differs from the `previousHash` it
  ///   recorded → the predecessor was **edited** and its hash recomputed.
  /// Finally the last entry is compared with `recordedHead` (`nil`: no head
  /// check): a log ending early → **deleted**; entries past the head →
  /// **inserted**; the same sequence with another hash → **edited** (the chain
  /// was rewritten at or before the head and every later hash recomputed; an
  /// exported head locates it).
  public static func verify(storedOrder: [AuditEntry], recordedHead: (sequence: Int64, hash: String)?)
    -> AuditVerification
  {
    var firstIndexOfSequence: [Int64: Int] = [:]
    for (i, e) in storedOrder.enumerated() where firstIndexOfSequence[e.sequence] == nil {
      firstIndexOfSequence[e.sequence] = i
    }
    var expectedSequence: Int64 = 1
    var previous: AuditEntry?
    var checked = 0

    func result(_ sequence: Int64, _ tampering: AuditVerification.Tampering, _ detail: String)
      -> AuditVerification
    {
      AuditVerification(
        entriesChecked: checked, headHash: previous?.hash,
        problem: .init(sequence: sequence, tampering: tampering, detail: detail))
    }

    for (index, entry) in storedOrder.enumerated() {
      let expectedPrevious = previous?.hash ?? genesisHash
      if entry.sequence != expectedSequence {
        if let at = firstIndexOfSequence[expectedSequence], at > index {
          return result(
            expectedSequence, .reordered,
            "entry \(expectedSequence) is stored after entry \(entry.sequence) (position \(at + 1) instead of \(index + 1))"
          )
        }
        if entry.sequence < expectedSequence {
          let linked = storedOrder.first { $0.sequence == entry.sequence + 1 }?.previousHash
          let which = linked == entry.hash ? "the earlier copy" : "this copy (position \(index + 1))"
          return result(
            entry.sequence, .inserted,
            "two entries claim sequence \(entry.sequence); \(which) is not the one entry \(entry.sequence + 1) links to"
          )
        }
        // A gap: entries expectedSequence ..< entry.sequence are missing.
        if entry.previousHash == expectedPrevious && isSealedCorrectly(entry) {
          return result(
            entry.sequence, .inserted,
            "entry \(entry.sequence) follows entry \(expectedSequence - 1) directly and links to it: a forged entry with a sequence jump"
          )
        }
        return result(
          expectedSequence, .deleted,
          "entry \(expectedSequence) is missing: the log goes from \(expectedSequence - 1) to \(entry.sequence)"
        )
      }
      if entry.previousHash != expectedPrevious, let p = previous, entry.previousHash == p.previousHash {
        return result(
          p.sequence, .inserted,
          "entries \(p.sequence) and \(entry.sequence) both link to the hash of entry \(p.sequence - 1): entry \(p.sequence) was inserted"
        )
      }
      if !isSealedCorrectly(entry) {
        return result(
          entry.sequence, .edited,
          "entry \(entry.sequence)'s content no longer matches its hash \(entry.hash.prefix(12))…")
      }
      if entry.previousHash != expectedPrevious {
        let p = entry.sequence - 1
        if p == 0 {
          return result(
            entry.sequence, .edited,
            "entry 1 links to \(entry.previousHash.prefix(12))… instead of the genesis hash")
        }
        // `previous` is sealed correctly but is not the entry this one followed.
        return AuditVerification(
          entriesChecked: checked - 1, headHash: previous?.previousHash,
          problem: .init(
            sequence: p, tampering: .edited,
            detail:
              "entry \(p)'s hash \(expectedPrevious.prefix(12))… differs from the \(entry.previousHash.prefix(12))… entry \(entry.sequence) recorded: entry \(p) was rewritten and its hash recomputed"
          ))
      }
      previous = entry
      checked += 1
      expectedSequence += 1
    }

    guard let head = recordedHead else {
      return AuditVerification(entriesChecked: checked, headHash: previous?.hash, problem: nil)
    }
    let last = expectedSequence - 1
    if last < head.sequence {
      return result(
        last + 1, .deleted,
        "the log ends at entry \(last) but its recorded head is entry \(head.sequence): entries from \(last + 1) were deleted"
      )
    }
    let headEntryHash =
      head.sequence == 0 ? genesisHash : storedOrder.first { $0.sequence == head.sequence }?.hash
    if headEntryHash != head.hash {
      return result(
        head.sequence, .edited,
        "the chain is consistent but entry \(head.sequence)'s hash is not the recorded head \(head.hash.prefix(12))…: an entry at or before \(head.sequence) was rewritten and every later hash recomputed (compare with an exported head hash to locate it)"
      )
    }
    if last > head.sequence {
      return result(
        head.sequence + 1, .inserted,
        "the recorded head is entry \(head.sequence) but the log goes on to entry \(last): entries from \(head.sequence + 1) were added outside FlightDeck"
      )
    }
    return AuditVerification(entriesChecked: checked, headHash: previous?.hash, problem: nil)
  }

  private static func hex(_ digest: SHA256.Digest) -> String {
    let digits = Array("0123456789abcdef".utf8)
    var out: [UInt8] = []
    out.reserveCapacity(64)
    for byte in digest {
      out.append(digits[Int(byte >> 4)])
      out.append(digits[Int(byte & 0x0F)])
    }
    return String(decoding: out, as: UTF8.self)
  }
}
