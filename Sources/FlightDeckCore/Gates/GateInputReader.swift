import Foundation

/// Reads a gate input file of either format, telling them apart by shape:
/// an object with `results` or `stats` (or `evalId`) is Promptfoo output
/// (``PromptfooResultsReader``); an object with `metrics` and neither is
/// FlightDeck gate results (``FlightDeckGateResultsReader``).
public enum GateInputReader {
  /// Reads and detects `path`.
  /// - Parameter name: the name used in errors and reports (default: `path`).
  /// - Throws: ``GateInputError`` when the file cannot be read (checked
  ///   first by ``InputFileCheck``: a FIFO is "not a regular file", never
  ///   opened for a blocking read) or is unusable.
  public static func read(path: String, name: String? = nil) throws -> GateInput {
    do {
      try InputFileCheck.check(path, option: nil)
    } catch let problem as InputFileCheck.Problem {
      throw GateInputError(file: name ?? path, reason: "the file \(problem.reason)")
    }
    let data: Data
    do {
      data = try Data(contentsOf: URL(fileURLWithPath: path))
    } catch {
      throw GateInputError(file: name ?? path, reason: "cannot read the file (\(error.localizedDescription))")
    }
    return try read(data: data, file: name ?? path)
  }

  /// Reads and detects a file's bytes.
  /// - Throws: ``GateInputError`` when the bytes are empty, not JSON, of
  ///   neither format, or unusable in the detected format.
  public static func read(data: Data, file: String) throws -> GateInput {
    let doc = GateJSONDocument(file: file)
    let root = try doc.parse(data)
    guard let o = root.object else {
      throw doc.fail(
        "$", "expected a JSON object (Promptfoo results or FlightDeck gate results), found \(root.typeName)")
    }
    if o["results"] != nil || o["stats"] != nil || o["evalId"] != nil {
      return try PromptfooResultsReader.read(root: root, data: data, doc: doc)
    }
    if o["metrics"] != nil {
      return try FlightDeckGateResultsReader.read(root: root, data: data, doc: doc)
    }
    throw doc.fail(
      "$",
      "not a known gate input: expected Promptfoo results (with results.stats) or FlightDeck gate results (with metrics)"
    )
  }
}
