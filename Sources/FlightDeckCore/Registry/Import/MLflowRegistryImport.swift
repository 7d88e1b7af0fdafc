import Foundation

/// Reads MLflow's model registry documents into a ``RegistryImportPlan``
/// (`flightdeck registry import mlflow FILE`).
///
/// Accepted shapes (MLflow REST API 2.0, `mlflow/protos/model_registry.proto`,
/// and mlflow-export-import's files):
/// - `{"registered_model": {…, "versions"?: […]}}` (`GetRegisteredModel`; `latest_versions`
///   is read when `versions` is absent);
/// - `{"model_version": {…}}` (`GetModelVersion`);
/// - `{"model_versions": […]}` (`SearchModelVersions`; every version must name the same model);
/// - a bare registered model or model version object (a version is told apart by its `version` member);
/// - any of these inside mlflow-export-import's wrapper `{"system": …, "mlflow": {…}}`.
///
/// Mapping:
/// - The model `name` is the artefact (kind `model`), its `description` the artefact's.
///   Model-level tags are not imported (FlightDeck artefacts have no tags).
/// - A version's `version` (string or integer) is its label; `creation_timestamp`
///   (epoch ms, integer or digit string) its creation time; `user_id` its creator;
///   `run_id` → ``SourceReference`` `.mlflowRun`, else `source` → `.uri`; `tags` as
///   an object or a `[{"key","value"}]` list.
/// - `current_stage`: `Production` → pointer `production`, `Staging` → `staging`,
///   `Archived` → the version tag `mlflow.stage=Archived` (several versions may be
///   archived, so it is not a pointer), `None`/`null` → nothing; case-insensitive.
///   When several versions share `Production` (or `Staging`), the one with the
///   latest `last_updated_timestamp` gets the pointer (ties: the one listed last)
///   and a warning names them all: nothing is collapsed silently.
/// - Aliases (`["a"]` on a version; `[{"alias","version"}]` or `{"alias": "version"}`
///   on the model) become pointers. An alias that is not a valid ``PointerName``
///   is lower-cased if that makes it valid (with a warning), else skipped with
///   a warning. An alias naming a pointer already set to another version (by a
///   stage or an earlier alias), or a version not in the file, is skipped with a warning.
///
/// Every error is a ``RegistryError`` `.invalidInput(field:)` whose field is the
/// JSON path and whose message starts with the file and that path, e.g.
/// `model.json: mlflow.registered_model.versions[2].version: expected a string or integer`.
public enum MLflowRegistryImport {
  /// Builds an import plan from the bytes of an MLflow JSON document.
  /// - Parameters:
  ///   - data: the file's bytes (UTF-8 JSON).
  ///   - file: the name used in errors and as the plan's origin.
  ///   - riskTier: the tier for a newly created artefact.
  /// - Throws: ``RegistryError`` `.invalidInput(field:)` naming the file and JSON path
  ///   (`json` when the bytes are not JSON).
  public static func plan(data: Data, file: String, riskTier: RiskTier) throws -> RegistryImportPlan {
    let root: JSONValue
    do {
      root = try JSONDecoder().decode(JSONValue.self, from: data)
    } catch {
      // Where and why, by the strict reader; Foundation's text only when that finds nothing.
      let why = JSONSyntaxError.locate(inFile: data) ?? describe(error)
      throw RegistryError(.invalidInput(field: "json"), "\(file): not valid JSON (\(why))")
    }
    var reader = MLflowDocumentReader(file: file)
    return try reader.plan(root: root, riskTier: riskTier)
  }

  static func describe(_ error: any Error) -> String {
    if let d = error as? DecodingError {
      switch d {
      case .dataCorrupted(let c), .typeMismatch(_, let c), .valueNotFound(_, let c), .keyNotFound(_, let c):
        if let u = c.underlyingError { return "\(c.debugDescription) \(u.localizedDescription)" }
        return c.debugDescription
      @unknown default: return "\(d)"
      }
    }
    return "\(error)"
  }
}
