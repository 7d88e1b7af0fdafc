/// The audit domain of a store: the hash-chained log every other domain's
/// transactions append to (read-only here: entries are only ever appended by
/// the transaction that made the change).
public protocol AuditStore: Sendable {
  /// Audit entries from the first one with `at >= since` on, by sequence (all
  /// when `nil`; a contiguous run of the chain even if times go backwards), in
  /// sequence order.
  /// - Throws: ``RegistryError`` on a storage failure.
  func auditEntries(since: Timestamp?) throws -> [AuditEntry]

  /// Walks the audit chain from the first entry and reports the first entry
  /// that was edited, deleted, reordered or inserted.
  /// - Throws: ``RegistryError`` when the log cannot be read at all.
  func verifyAudit() throws -> AuditVerification
}
