/// One MLflow model version as read from a document, before stages and
/// aliases are turned into pointers (internal to ``MLflowRegistryImport``).
struct MLflowVersionEntry: Sendable, Hashable {
  /// The version as it will be imported.
  var version: RegistryImportPlan.Version
  /// The model name the version names (`nil`: not given).
  var modelName: String?
  /// `last_updated_timestamp` (creation time when absent), epoch ms.
  var lastUpdated: Timestamp
  /// The stage, lower-cased (`production`, `staging`, `archived`), `nil` for None/null.
  var stage: String?
  /// The version's own `aliases`.
  var aliases: [String]
  /// The JSON path of the version object, for messages.
  var path: String
}
