/// A gate check run on files: what `flightdeck gate check ARTEFACT VERSION
/// --results FILE…` prints, writes as JUnit and exits with. Built by
/// ``GateCheck/run(artefact:version:files:policy:tier:read:)``, so the
/// command's logic is testable without a terminal or a process.
public struct GateCheckRun: Sendable, Hashable {
  /// The artefact checked.
  public var artefact: String
  /// The version checked.
  public var version: String
  /// The inputs read, in the order given (empty when one was unusable).
  public var inputs: [GateInput]
  /// The report; `nil` when an input was unusable.
  public var report: GateReport?
  /// The first unusable input's error, if any (then there is no report).
  public var inputError: GateInputError?

  /// Creates a run.
  public init(
    artefact: String, version: String, inputs: [GateInput], report: GateReport?, inputError: GateInputError?
  ) {
    self.artefact = artefact
    self.version = version
    self.inputs = inputs
    self.report = report
    self.inputError = inputError
  }

  /// 0 every gate passed, 1 a gate failed or is missing, 2 an input is unusable.
  public var exitCode: GateExitCode {
    guard let report else { return .inputUnusable }
    return report.exitCode
  }

  /// The JUnit XML for CI (``GateJUnitWriter``): one test case per gate, or
  /// one `<error>` test case when an input was unusable.
  /// - Parameter evaluatedAt: the suite's timestamp, if known.
  public func junit(evaluatedAt: Timestamp? = nil) -> String {
    if let report {
      return GateJUnitWriter.xml(
        report: report, artefact: artefact, version: version, evaluatedAt: evaluatedAt)
    }
    let error = inputError ?? GateInputError(file: "-", reason: "no input was read")
    return GateJUnitWriter.xml(unusableInput: error, artefact: artefact, version: version)
  }

  /// The human-readable report, one line each (untrusted text inside: the
  /// caller sanitises before printing to a terminal):
  ///
  /// ```
  /// support-bot v12: tier high, 4 gates: 3 pass, 1 fail, 0 missing
  ///   PASS     pass_rate >= 0.95          value 0.97   (results.json)
  ///   FAIL     drift_psi <= 0.2           value 0.31   drift_psi 0.31 is above 0.2 (eval.json)
  ///   MISSING  accuracy >= 0.95           value -      no input provided accuracy
  /// warning: …
  /// ```
  public var lines: [String] {
    guard let report else {
      return ["\(artefact) \(version): input unusable: \(inputError?.description ?? "no input was read")"]
    }
    var out = [
      "\(artefact) \(version): tier \(report.tier.rawValue), \(report.gates.count) gate\(report.gates.count == 1 ? "" : "s"): "
        + "\(report.passCount) pass, \(report.failCount) fail, \(report.missingCount) missing"
    ]
    let width = max(20, report.gates.map { $0.requirement.description.count }.max() ?? 0)
    for g in report.gates {
      let mark = g.outcome.rawValue.uppercased().padding(toLength: 8, withPad: " ", startingAt: 0)
      let req = g.requirement.description.padding(toLength: width, withPad: " ", startingAt: 0)
      let value = (g.value.map(GateNumber.text) ?? "-").padding(toLength: 10, withPad: " ", startingAt: 0)
      let detail = g.passed ? "(\(g.source ?? "-"))" : g.reason
      out.append("  \(mark) \(req)  value \(value) \(detail)")
    }
    for w in report.warnings { out.append("warning: \(w)") }
    return out
  }
}
