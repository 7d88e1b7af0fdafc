/// Which leg of a traffic split served a request.
///
/// Follows Argo Rollouts / Flagger terms: `stable` serves users, `canary`
/// serves a weighted share of users, `shadow` receives mirrored copies whose
/// results are never user-facing (but whose cost is real).
public enum Route: String, Sendable, Hashable, CaseIterable, Codable, Comparable {
  /// The production version, serving most users.
  case stable
  /// The candidate version, serving a weighted share of users.
  case canary
  /// A mirrored copy of user traffic; results are never user-facing.
  case shadow

  /// Alphabetical by raw value (canary < shadow < stable), the peers' sort order.
  public static func < (lhs: Route, rhs: Route) -> Bool { lhs.rawValue < rhs.rawValue }
}
