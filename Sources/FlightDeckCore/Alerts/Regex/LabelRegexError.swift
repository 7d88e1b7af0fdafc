/// Why a pattern of a `=~` / `!~` label matcher is refused, in the words of
/// Go's `regexp/syntax` (RE2), which Prometheus and Alertmanager use:
/// `missing closing ): ` followed by the offending part of the pattern.
public struct LabelRegexError: Error, Sendable, Hashable, CustomStringConvertible {
  /// What is wrong, e.g. `invalid repeat count`.
  public var message: String
  /// The part of the pattern at fault, e.g. `{1001}`.
  public var fragment: String
  /// Offset in Unicode scalars from the pattern's start where `fragment` begins (0-based).
  public var offset: Int

  /// Creates an error.
  public init(_ message: String, fragment: String, offset: Int) {
    self.message = message
    self.fragment = fragment
    self.offset = offset
  }

  /// `message: \`fragment\``, as Go's regexp reports it.
  public var description: String { fragment.isEmpty ? message : "\(message): `\(fragment)`" }
}
