extension AuditChain {
  /// The `meta` key holding the highest sequence ever appended to the
  /// workspace's audit log (decimal text). Written with every append, in the
  /// same transaction, and never lowered: emptying `audit_log` and deleting
  /// or resetting `audit_head` leaves it, so the wipe is still seen.
  public static let highWaterKey = "audit_high_water"

  /// Verifies a stored log together with the markers the store keeps beside
  /// it, where a missing marker is itself evidence:
  ///
  /// 1. The chain walk of ``verify(storedOrder:recordedHead:)`` with the
  ///    recorded head (`storedHead`); its first problem is reported.
  /// 2. `storedHead == nil` (the `audit_head` row is gone: every workspace
  ///    has one from its creation on) → **deleted** at the entry after the
  ///    last one: without a head, a truncated tail cannot be ruled out.
  /// 3. The log ends before `highWater` (the highest sequence ever
  ///    appended; `nil` for a workspace that has not appended since the
  ///    marker was introduced) → **deleted** from the entry after the last:
  ///    an empty log in a workspace that once had entries fails here, even
  ///    when the head row was reset to sequence 0 as well.
  ///
  /// Limit: an attacker who edits the database can also delete or lower
  /// the high-water mark; only a head hash kept outside the database (an
  /// external checkpoint) catches a rewrite of everything.
  public static func verify(
    storedOrder: [AuditEntry], storedHead: (sequence: Int64, hash: String)?, highWater: Int64?
  ) -> AuditVerification {
    let walked = verify(storedOrder: storedOrder, recordedHead: storedHead)
    guard walked.problem == nil else { return walked }
    let last = storedOrder.last?.sequence ?? 0
    guard storedHead != nil else {
      return AuditVerification(
        entriesChecked: walked.entriesChecked, headHash: walked.headHash,
        problem: .init(
          sequence: last + 1, tampering: .deleted,
          detail:
            "the recorded head (audit_head) is missing, so entries after #\(last) may have been deleted "
            + "without trace: the database was edited outside FlightDeck"))
    }
    if let highWater, last < highWater {
      return AuditVerification(
        entriesChecked: walked.entriesChecked, headHash: walked.headHash,
        problem: .init(
          sequence: last + 1, tampering: .deleted,
          detail: (last == 0 ? "the log is empty" : "the log ends at entry \(last)")
            + " but this workspace once had entries up to #\(highWater): entries from \(last + 1) were deleted"
            + " (and the recorded head reset)"))
    }
    return walked
  }
}
