extension GateCheck {
  /// Reads `files` (either format, ``GateInputReader``), checks that each
  /// names `artefact` and `version` if it names any
  /// (``GateInput/checkSubject(artefact:version:)``), and evaluates `tier`'s
  /// gates of `policy` on them.
  ///
  /// - Parameters:
  ///   - files: the result files as given (at least one; none is unusable input).
  ///   - read: how a file is read (default: from disk); tests may inject.
  /// - Returns: the run; its ``GateCheckRun/exitCode`` is 2 when a file is
  ///   unusable (the first such file's error is kept and no report is made).
  public static func run(
    artefact: String, version: String, files: [String], policy: GatePolicy, tier: RiskTier,
    read: (String) throws -> GateInput = { try GateInputReader.read(path: $0) }
  ) -> GateCheckRun {
    func unusable(_ e: GateInputError) -> GateCheckRun {
      GateCheckRun(artefact: artefact, version: version, inputs: [], report: nil, inputError: e)
    }
    guard !files.isEmpty else {
      return unusable(GateInputError(file: "--results", reason: "no results file given"))
    }
    var inputs: [GateInput] = []
    for file in files {
      do {
        let input = try read(file)
        try input.checkSubject(artefact: artefact, version: version)
        inputs.append(input)
      } catch let e as GateInputError {
        return unusable(e)
      } catch {
        return unusable(GateInputError(file: file, reason: "\(error)"))
      }
    }
    let report = evaluate(policy: policy, tier: tier, results: inputs)
    return GateCheckRun(artefact: artefact, version: version, inputs: inputs, report: report, inputError: nil)
  }
}
