extension AlertLabelMatcher {
  /// Equal when name, operator and value are (the compiled pattern follows from them).
  public static func == (lhs: AlertLabelMatcher, rhs: AlertLabelMatcher) -> Bool {
    lhs.name == rhs.name && lhs.op == rhs.op && lhs.value == rhs.value
  }

  /// Hashes name, operator and value.
  public func hash(into hasher: inout Hasher) {
    hasher.combine(name)
    hasher.combine(op)
    hasher.combine(value)
  }
}
