/// Where a promotion request is in its life (Databricks' transition requests).
///
/// `pending` → `approved` → `applied`, or `pending` → `rejected` / `expired` /
/// `cancelled`. A request whose approvals are complete is approved and applied
/// in the same transaction, so `approved` is seen only if applying failed a
/// check (for example the target pointer moved since the request was made).
public enum RequestState: String, Sendable, Hashable, Codable, CaseIterable {
  /// Waiting for approvals.
  case pending
  /// Enough approvals, not yet applied.
  case approved
  /// The pointer moved.
  case applied
  /// Someone rejected it.
  case rejected
  /// Nobody decided before it expired.
  case expired
  /// The requester withdrew it.
  case cancelled

  /// Whether the request can still be decided (approved, rejected, cancelled).
  public var isOpen: Bool { self == .pending || self == .approved }
}
