/// One change to promotion requests and their four-eyes decisions: a transaction of ``ApprovalStore``.
///
/// Each is one transaction that appends its audit entries; a refusal
/// changes nothing. The `expected…` fields carry what the caller last saw:
/// when set, the store refuses with `.changedSinceYouLooked` if the state
/// differs, so two operators acting on the same screen never overwrite each other.
public enum ApprovalChange: Sendable, Hashable {
  /// Asks to move `target` to `version`. Applied at once when the risk policy
  /// needs no approvals (any pointer but `production`, or a `low` tier);
  /// otherwise pending. `expectedFrom`: the version the caller saw `target`
  /// at (`.some(nil)`: saw it unset; `nil`: no check).
  ///
  /// A move of `production` is refused with `.gatesNotPassed` when the
  /// version's latest gate record fails, is missing, or does not meet the
  /// gate policy in force for the artefact's tier
  /// (``GateRecord/promotionBlockers(_:artefact:version:policy:tier:)``),
  /// unless `override` gives a reason: the `request.create` audit entry then
  /// records `{"override": …, "blockers": […]}`. Other pointers are not gated.
  case requestPromotion(
    artefact: String, version: String, target: PointerName, reason: String, expectedFrom: String??,
    override: String? = nil)
  /// Approves a pending request; when it then has the approvals and role its
  /// rule needs, the pointer moves in the same transaction.
  case approve(requestID: Int64, comment: String)
  /// Rejects a pending request.
  case reject(requestID: Int64, comment: String)
  /// Withdraws a pending request (its requester only).
  case cancel(requestID: Int64, comment: String)
}
