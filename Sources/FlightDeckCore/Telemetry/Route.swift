/// Which leg of a traffic split served a request.
///
/// Follows Argo Rollouts / Flagger terms: `stable` serves users, `canary`
/// serves a weighted share of users, `shadow` receives mirrored copies whose
/// results are never user-facing (but whose cost is real).
public enum Route: String, Sendable, Hashable, CaseIterable, Codable, Comparable {
  case stable
  case canary
  case shadow

  public static func < (lhs: Route, rhs: Route) -> Bool { lhs.rawValue < rhs.rawValue }
}
