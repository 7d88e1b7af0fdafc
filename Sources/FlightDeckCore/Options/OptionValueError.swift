/// A command-line value refused by ``OptionBounds``: which option, the value
/// as given, and what is wrong with it, the bound included.
///
/// `description` is `--interval: '1ms' is out of range: must be between 1s and 1h`,
/// or without an option name (a positional argument) `'REQ-+1' is not a
/// request id (…)`. Where the argument parser prefixes its own "The value
/// 'x' is invalid for '--limit <limit>'", only ``problem`` is shown.
public struct OptionValueError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The option, e.g. `--interval`; `nil` when the caller names it itself.
  public var option: String?
  /// The value as given on the command line.
  public var value: String
  /// What is wrong, with the bound: `is out of range: must be between 1s and 1h`.
  public var problem: String

  /// An error for `value` of `option`.
  public init(option: String?, value: String, problem: String) {
    self.option = option
    self.value = value
    self.problem = problem
  }

  /// `<option>: '<value>' <problem>`, or `'<value>' <problem>` without an option.
  public var description: String {
    (option.map { "\($0): " } ?? "") + "'\(RegistryNames.excerpt(value))' \(problem)"
  }
}
