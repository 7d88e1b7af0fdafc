/// One token of the rules language, with where it starts in the expression.
struct AlertToken: Sendable, Hashable {
  /// What kind of token.
  enum Kind: Sendable, Hashable {
    case identifier(String)
    case string(String)
    case number(Double)
    case symbol(String)
    case end
  }

  /// The kind and payload.
  var kind: Kind
  /// The exact source text of the token.
  var text: String
  /// Character offset from the expression's start (0-based).
  var offset: Int

  /// How the token reads in "found …" messages.
  var shown: String {
    switch kind {
    case .end: "end of expression"
    case .string: "string \(text)"
    case .number: "number \(text)"
    case .identifier: "'\(text)'"
    case .symbol: "'\(text)'"
    }
  }
}
