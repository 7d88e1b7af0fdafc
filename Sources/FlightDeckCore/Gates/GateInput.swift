/// The metrics one input file provides to a gate check, whatever its format.
///
/// Built by ``GateInputReader`` (which detects the format), or directly by
/// ``PromptfooResultsReader`` or ``FlightDeckGateResultsReader``.
public struct GateInput: Sendable, Hashable {
  /// The file name as given (used in reports and errors).
  public var file: String
  /// The format it was read as.
  public var format: GateInputFormat
  /// SHA-256 of the file's bytes (FIPS 180-4) as 64 lower-case hex digits,
  /// the same digits `sha256sum FILE` prints; recorded on the version.
  public var sha256: String
  /// Metric name → value (see ``GateMetricName``); rates and scores are
  /// fractions 0–1, tokens are counts, cost is USD. Every value is finite.
  public var metrics: [String: Double]
  /// The artefact the file says it evaluated, if it says (FlightDeck format).
  public var artefact: String?
  /// The version the file says it evaluated, if it says (FlightDeck format).
  public var version: String?
  /// Where the results came from (a tool, a run, a URL), if stated.
  public var source: String?
  /// When the evaluation ran, if stated.
  public var evaluatedAt: Timestamp?
  /// Things that look wrong but do not make the file unusable (for example
  /// per-prompt counts that do not add up to `results.stats`).
  public var warnings: [String]
  /// The Promptfoo figures the metrics were derived from (Promptfoo inputs only).
  public var promptfoo: PromptfooEvalSummary?

  /// Creates an input.
  public init(
    file: String, format: GateInputFormat, sha256: String, metrics: [String: Double],
    artefact: String? = nil, version: String? = nil, source: String? = nil, evaluatedAt: Timestamp? = nil,
    warnings: [String] = [], promptfoo: PromptfooEvalSummary? = nil
  ) {
    self.file = file
    self.format = format
    self.sha256 = sha256
    self.metrics = metrics
    self.artefact = artefact
    self.version = version
    self.source = source
    self.evaluatedAt = evaluatedAt
    self.warnings = warnings
    self.promptfoo = promptfoo
  }

  /// Checks that the file, when it names an artefact or version, names the
  /// ones being checked (a results file for another version is unusable
  /// evidence, not a failed gate).
  /// - Throws: ``GateInputError`` at `artefact` or `version` on a mismatch.
  public func checkSubject(artefact expectedArtefact: String, version expectedVersion: String) throws {
    if let a = artefact, a != expectedArtefact {
      throw GateInputError(
        file: file, path: "artefact",
        reason: "the results are for artefact \"\(a)\", not \"\(expectedArtefact)\"")
    }
    if let v = version, v != expectedVersion {
      throw GateInputError(
        file: file, path: "version",
        reason: "the results are for version \"\(v)\", not \"\(expectedVersion)\"")
    }
  }
}
