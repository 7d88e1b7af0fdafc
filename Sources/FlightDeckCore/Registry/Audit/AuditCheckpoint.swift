import Foundation

/// The audit chain's head written down outside the store, so that what the
/// chain alone cannot show is detected later: its tail cut off, or the whole
/// store replaced by an older copy (each still a valid chain on its own).
///
/// `flightdeck audit checkpoint` prints one as a line of canonical JSON —
/// `{"at":"2026-12-06T05:10:00.000Z","hash":"<64 hex>","sequence":41,"store":"…"}`
/// — for the operator to keep elsewhere (a ticket, a notebook, another
/// machine); `flightdeck audit verify --checkpoint FILE` checks the store
/// against it. The idea is Certificate Transparency's signed tree head kept
/// by a monitor (RFC 6962 §3.5), without the signature: the holder of the
/// line is the witness.
public struct AuditCheckpoint: Sendable, Hashable {
  /// The head entry's sequence number (1 for a store with only `workspace.init`).
  public var sequence: Int64
  /// The head entry's hash (64 lowercase hex digits).
  public var hash: String
  /// When the head entry was appended.
  public var at: Timestamp
  /// Where the store was, as printed (a password masked), for the reader.
  public var store: String

  /// A checkpoint of `head`, the last entry of the chain of the store at `store`.
  public init(head: AuditEntry, store: String) {
    self.sequence = head.sequence
    self.hash = head.hash
    self.at = head.at
    self.store = store
  }

  /// The checkpoint as one line of canonical JSON (no newline).
  public var jsonLine: String {
    CanonicalJSON.object([
      "sequence": .integer(sequence), "hash": .string(hash), "at": .string(at.rfc3339),
      "store": .string(store),
    ])
  }

  /// Reads the checkpoint in `text`: the last non-blank line that is a
  /// checkpoint object (a file of several keeps its newest last).
  /// - Throws: ``RegistryError`` `.invalidInput(field:)` naming `file`, the
  ///   line and the field: no checkpoint line, a line that is not a JSON
  ///   object, a missing or mistyped `sequence` (a positive integer), `hash`
  ///   (64 lowercase hex digits) or `at` (an RFC 3339 time).
  public init(parsing text: String, file: String) throws {
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    guard
      let index = lines.lastIndex(where: { !$0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty })
    else {
      throw RegistryError(.invalidInput(field: "checkpoint"), "\(file): no checkpoint line in the file")
    }
    let place = "\(file):\(index + 1)"
    func fail(_ field: String, _ why: String) -> RegistryError {
      RegistryError(.invalidInput(field: field), "\(place): \(field): \(why)")
    }
    guard let data = lines[index].data(using: .utf8),
      case .object(let members)? = try? JSONDecoder().decode(JSONValue.self, from: data)
    else {
      throw fail("checkpoint", "not a JSON object (write the line `flightdeck audit checkpoint` printed)")
    }
    guard case .integer(let sequence)? = members["sequence"], sequence > 0 else {
      throw fail("sequence", "expected a positive integer")
    }
    guard case .string(let hash)? = members["hash"], hash.utf8.count == 64,
      hash.utf8.allSatisfy({ (48...57).contains($0) || (97...102).contains($0) })
    else {
      throw fail("hash", "expected 64 lowercase hexadecimal digits")
    }
    guard case .string(let atText)? = members["at"], let at = RFC3339Parser.parse(atText) else {
      throw fail("at", "expected an RFC 3339 time such as 2026-12-06T05:10:00.000Z")
    }
    var storeText = ""
    if case .string(let s)? = members["store"] { storeText = s }
    self.sequence = sequence
    self.hash = hash
    self.at = at
    self.store = storeText
  }

  /// What the store's chain shows against this checkpoint, or `nil` when it
  /// still holds the checkpoint's head unchanged.
  ///
  /// `entries` is the chain as read (``AuditStore/auditEntries(since:)``
  /// with `nil`), already verified on its own (``AuditStore/verifyAudit()``):
  /// - no entry with the checkpoint's sequence, the chain ending before it:
  ///   ``AuditVerification/Tampering/truncated`` (its tail was cut off, or
  ///   the store was replaced by an older copy);
  /// - that entry with another hash: ``AuditVerification/Tampering/replaced``
  ///   (the chain was rewritten from that entry or before it).
  public func problem(in entries: [AuditEntry]) -> AuditVerification.Problem? {
    if let entry = entries.first(where: { $0.sequence == sequence }) {
      guard entry.hash != hash else { return nil }
      return AuditVerification.Problem(
        sequence: sequence, tampering: .replaced,
        detail:
          "entry #\(sequence) has hash \(entry.hash), but the checkpoint taken at \(at.rfc3339) recorded \(hash): the chain was rewritten from that entry or before it"
      )
    }
    let last = entries.last?.sequence ?? 0
    return AuditVerification.Problem(
      sequence: sequence, tampering: .truncated,
      detail:
        "the log ends at entry #\(last), but the checkpoint taken at \(at.rfc3339) saw entry #\(sequence): its tail was cut off, or the store was replaced by an older copy"
    )
  }
}
