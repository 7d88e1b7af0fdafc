import ArgumentParser
import FlightDeckCore
import FlightDeckTUI

/// The command target's adapter to ``OptionBounds`` (FlightDeckCore), where
/// every option's bounds and parsing live: turns an ``OptionValueError``
/// into ArgumentParser's `ValidationError` (usage error, exit 64), and
/// provides the `@Option(transform:)` parsers of typed options.
enum OptionValue {
  /// Runs `body`; an ``OptionValueError`` becomes a `ValidationError` with its
  /// message (sanitised: it quotes the value as typed).
  /// - Throws: `ValidationError` for a refused value; other errors unchanged.
  static func check<T>(_ body: () throws -> T) throws -> T {
    do {
      return try body()
    } catch let e as OptionValueError {
      throw ValidationError(e.description)
    }
  }

  /// A duration option checked against `bounds`, in ms.
  /// - Throws: `ValidationError` naming `option`, the value and the bounds.
  static func duration(_ text: String, _ option: String, _ bounds: OptionBounds.Duration) throws -> Int64 {
    try check { try OptionBounds.duration(text, option: option, bounds: bounds) }
  }

  /// Runs a `transform:` body; an ``OptionValueError`` becomes a
  /// `ValidationError` with only its problem, since ArgumentParser prints
  /// "The value 'x' is invalid for '--opt <opt>': " before it.
  static func transforming<T>(_ body: () throws -> T) throws -> T {
    do {
      return try body()
    } catch let e as OptionValueError {
      throw ValidationError(e.problem)
    }
  }

  /// The `transform:` of a whole-number option within `range`.
  static func count(_ range: ClosedRange<Int>) -> @Sendable (String) throws -> Int {
    { text in try transforming { try OptionBounds.wholeNumber(text, option: nil, range: range) } }
  }

  /// The `transform:` of a decimal option within `bounds`.
  static func decimal(_ bounds: OptionBounds.Decimal) -> @Sendable (String) throws -> Double {
    { text in try transforming { try OptionBounds.decimal(text, option: nil, bounds: bounds) } }
  }

  /// The `transform:` of a `--seed` option (0 to 2⁶⁴ − 1, digits only).
  @Sendable static func seed(_ text: String) throws -> UInt64 {
    try transforming { try OptionBounds.seed(text, option: nil) }
  }
}
