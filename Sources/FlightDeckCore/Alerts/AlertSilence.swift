/// A silence (Alertmanager's): instances matching every matcher between
/// `startsAt` and `endsAt` still evaluate but do not notify.
public struct AlertSilence: Sendable, Hashable, Codable {
  /// The store's id (`SIL-<id>`), 0 before it is stored.
  public var id: Int64
  /// Every matcher must match the instance's labels.
  public var matchers: [AlertLabelMatcher]
  /// When it starts.
  public var startsAt: Timestamp
  /// When it ends (set to the expiry time when expired early).
  public var endsAt: Timestamp
  /// Who created it.
  public var createdBy: String
  /// Why.
  public var comment: String

  /// Creates a silence.
  public init(
    id: Int64 = 0, matchers: [AlertLabelMatcher], startsAt: Timestamp, endsAt: Timestamp, createdBy: String,
    comment: String
  ) {
    self.id = id
    self.matchers = matchers
    self.startsAt = startsAt
    self.endsAt = endsAt
    self.createdBy = createdBy
    self.comment = comment
  }

  /// `SIL-<id>`.
  public var displayID: String { "SIL-\(id)" }

  /// Parses `SIL-3`, `sil-3` or `3`: strict digits after the prefix
  /// (``OptionBounds/parseIdentifier(_:prefix:)``).
  /// - Returns: `nil` for anything else (or a number below 1).
  public static func parseID(_ text: String) -> Int64? { OptionBounds.parseIdentifier(text, prefix: "SIL") }

  /// Whether it is in force at `at`: `startsAt ≤ at < endsAt`.
  public func isActive(at: Timestamp) -> Bool { startsAt <= at && at < endsAt }

  /// Whether every matcher matches `labels` (a silence without matchers matches nothing).
  public func matches(_ labels: [String: String]) -> Bool {
    !matchers.isEmpty && matchers.allSatisfy { $0.matches(labels) }
  }

  /// Parses `name=value`, `name!=value`, `name=~re`, `name!~re` (the CLI's `--match`).
  /// - Returns: `nil` when `text` has no operator or a bad label name or regex
  ///   (``parseMatcherExplaining(_:)`` says which).
  public static func parseMatcher(_ text: String) -> AlertLabelMatcher? {
    try? parseMatcherExplaining(text)
  }

  /// Parses a matcher as ``parseMatcher(_:)`` does, saying why it cannot.
  /// - Throws: ``AlertSilence/MatcherError`` naming the matcher and the fault
  ///   (no operator, a bad label name, or the regular expression's
  ///   ``LabelRegexError``).
  public static func parseMatcherExplaining(_ text: String) throws(MatcherError) -> AlertLabelMatcher {
    for op in [AlertMatchOperator.regex, .notRegex, .notEqual, .equal] {
      guard let r = text.range(of: op.rawValue) else { continue }
      let name = String(text[..<r.lowerBound])
      var value = String(text[r.upperBound...])
      if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") {
        value = String(value.dropFirst().dropLast())
      }
      guard AlertRulesLoader.isLabelName(name) else {
        throw MatcherError(
          matcher: text,
          reason: "the label name '\(RegistryNames.excerpt(name))' is not [A-Za-z_][A-Za-z0-9_]*")
      }
      do throws(LabelRegexError) {
        return try AlertLabelMatcher.validated(name: name, op: op, value: value)
      } catch {
        throw MatcherError(matcher: text, reason: "invalid regular expression: \(error)")
      }
    }
    throw MatcherError(
      matcher: text, reason: "expected label=value, label!=value, label=~regex or label!~regex")
  }
}
