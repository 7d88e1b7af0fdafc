/// A rules file refused as a whole, with every problem found.
public struct AlertRulesFileError: Error, Sendable, Hashable, CustomStringConvertible {
  /// Every problem, in file order.
  public var errors: [AlertRulesError]

  /// Creates the error.
  public init(errors: [AlertRulesError]) { self.errors = errors }

  /// One problem per line.
  public var description: String { errors.map(\.description).joined(separator: "\n") }
}
