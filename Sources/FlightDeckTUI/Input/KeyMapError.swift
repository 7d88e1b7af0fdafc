/// A keymap file FlightDeck refuses: every problem found, each with the
/// file, the line and the field (`[pane.registry] requestPromotion`), so one
/// run shows them all (as `flightdeck config check` does for configuration).
public struct KeyMapError: Error, Sendable, Hashable, CustomStringConvertible {
  /// One fault in the file.
  public struct Problem: Sendable, Hashable, CustomStringConvertible {
    /// What kind of fault.
    public enum Kind: String, Sendable, Hashable {
      /// The file cannot be read, or is not TOML.
      case syntax
      /// A table that is not `global`, `pane.NAME` or `overlay.NAME`.
      case unknownScope
      /// A field that names no ``Action``.
      case unknownAction
      /// An action that has no binding in that scope (it cannot be moved there).
      case notInScope
      /// A key name ``Key/init(name:)`` does not know.
      case unknownKey
      /// A value that is not a key name or a list of key names.
      case wrongType
      /// One key bound to two actions in one scope.
      case conflict
      /// A printable key bound in a prompt that types text (it could no longer be typed).
      case typedKey
    }
    /// What kind of fault.
    public var kind: Kind
    /// The keymap file's path.
    public var file: String
    /// The 1-based line, when known.
    public var line: Int?
    /// The field, e.g. `pane.registry.requestPromotion`.
    public var field: String
    /// What is wrong, in words (already sanitised).
    public var message: String

    /// Creates a problem.
    public init(kind: Kind, file: String, line: Int?, field: String, message: String) {
      self.kind = kind
      self.file = file
      self.line = line
      self.field = field
      self.message = message
    }

    /// `file:line: field: message`.
    public var description: String {
      let place = line.map { "\(file):\($0)" } ?? file
      return field.isEmpty ? "\(place): \(message)" : "\(place): \(field): \(message)"
    }
  }

  /// The problems, in file order.
  public var problems: [Problem]

  /// Creates an error from `problems` (at least one).
  public init(problems: [Problem]) { self.problems = problems }

  /// One line per problem.
  public var description: String { problems.map(\.description).joined(separator: "\n") }
}
