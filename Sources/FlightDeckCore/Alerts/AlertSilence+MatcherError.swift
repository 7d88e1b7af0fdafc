extension AlertSilence {
  /// Why a matcher typed for a silence (`--match`, the silence dialog) was refused.
  public struct MatcherError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The matcher as typed, e.g. `artefact=~(a`.
    public var matcher: String
    /// What is wrong with it.
    public var reason: String

    /// Creates an error.
    public init(matcher: String, reason: String) {
      self.matcher = matcher
      self.reason = reason
    }

    /// `matcher 'text': reason`, the matcher cut as ``RegistryNames/excerpt(_:)`` cuts it.
    public var description: String { "matcher '\(RegistryNames.excerpt(matcher))': \(reason)" }
  }
}
