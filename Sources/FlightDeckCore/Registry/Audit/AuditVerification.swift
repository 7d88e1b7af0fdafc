/// The result of walking the audit chain (`flightdeck audit verify`).
public struct AuditVerification: Sendable, Hashable {
  /// How the chain was found broken.
  public enum Tampering: String, Sendable, Hashable {
    /// An entry's content no longer matches its hash.
    case edited
    /// An entry is missing (a gap in sequence numbers, or the log ends before its recorded head).
    case deleted
    /// Entries are out of order.
    case reordered
    /// An entry that was never appended through FlightDeck is present.
    case inserted
    /// The log ends before the head an ``AuditCheckpoint`` recorded: its
    /// tail was cut off, or the store was replaced by an older copy.
    case truncated
    /// The entry an ``AuditCheckpoint`` recorded has another hash now: the
    /// chain was rewritten from that entry or before it.
    case replaced
  }
  /// The first problem found.
  public struct Problem: Sendable, Hashable {
    /// The sequence number of the first entry that is wrong (or, for a deletion, the one missing).
    public var sequence: Int64
    /// What happened to it.
    public var tampering: Tampering
    /// One sentence naming the evidence (the hashes or numbers that disagree).
    public var detail: String

    /// Creates a problem.
    public init(sequence: Int64, tampering: Tampering, detail: String) {
      self.sequence = sequence
      self.tampering = tampering
      self.detail = detail
    }
  }

  /// Entries checked.
  public var entriesChecked: Int
  /// The hash of the last good entry (`nil`: empty log).
  public var headHash: String?
  /// The first problem, or `nil` if the chain is intact.
  public var problem: Problem?
  /// The domain rows without their audit entry and the audit entries
  /// without their row (``AuditCrossCheck``), one sentence each, e.g.
  /// "pointer_move #12 support-bot production v3 → v4 at …: no audit entry";
  /// empty when every row and entry match.
  public var mismatches: [String]

  /// Creates a verification result.
  public init(entriesChecked: Int, headHash: String?, problem: Problem?, mismatches: [String] = []) {
    self.entriesChecked = entriesChecked
    self.headHash = headHash
    self.problem = problem
    self.mismatches = mismatches
  }

  /// Whether the chain is intact and every domain row matches its audit entry.
  public var isIntact: Bool { problem == nil && mismatches.isEmpty }
}
