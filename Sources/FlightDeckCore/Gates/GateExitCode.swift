/// The exit status of `flightdeck gate check`, for CI: 0 all gates pass,
/// 1 a gate failed (or a required metric is missing), 2 an input is unusable.
public enum GateExitCode: Int32, Sendable, Hashable, CaseIterable {
  /// Every required gate passed.
  case allPassed = 0
  /// At least one gate failed or had no input.
  case gateFailed = 1
  /// An input file could not be used (``GateInputError``); no verdict.
  case inputUnusable = 2

  /// The code for a finished check.
  public init(_ report: GateReport) {
    self = report.passed ? .allPassed : .gateFailed
  }

  /// The code for an error thrown while reading inputs: ``inputUnusable``
  /// for ``GateInputError``, `nil` for any other error (the caller decides).
  public init?(error: any Error) {
    guard error is GateInputError else { return nil }
    self = .inputUnusable
  }
}
