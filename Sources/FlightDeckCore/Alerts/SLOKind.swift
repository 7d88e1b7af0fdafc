/// What an SLO counts as a good event.
public enum SLOKind: String, Sendable, Hashable, Codable, CaseIterable {
  /// Good = a request that is not an error or timeout.
  case availability
  /// Good = a request answered within the SLO's `threshold_ms`.
  case latency
}
