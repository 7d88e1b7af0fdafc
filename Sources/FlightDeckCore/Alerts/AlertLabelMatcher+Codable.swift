extension AlertLabelMatcher {
  private enum CodingKeys: String, CodingKey {
    case name, op, value
  }

  /// Decodes `{"name","op","value"}` and compiles the pattern (a stored
  /// silence with a pattern refused today still decodes, and matches nothing).
  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    self.init(
      name: try c.decode(String.self, forKey: .name), op: try c.decode(AlertMatchOperator.self, forKey: .op),
      value: try c.decode(String.self, forKey: .value))
  }

  /// Encodes `{"name","op","value"}`, as before the compiled pattern was kept.
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(name, forKey: .name)
    try c.encode(op, forKey: .op)
    try c.encode(value, forKey: .value)
  }
}
