import FlightDeckCore

/// The audit pane (`A`): the log's entries and the verification of its hash
/// chain made on opening, and how far it is scrolled.
public struct AuditOverlayState: Sendable, Hashable {
  /// The entries in sequence order (`nil` while loading).
  public var entries: [AuditEntry]?
  /// The chain verification (`nil` while loading).
  public var verification: AuditVerification?
  /// Why loading failed, if it did.
  public var error: String?
  /// The first entry row shown.
  public var offset: Int = 0

  /// Creates the state, loading.
  public init() {}
}
