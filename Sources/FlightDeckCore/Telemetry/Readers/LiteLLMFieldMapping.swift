/// Which fields of a LiteLLM log record name FlightDeck's artefact and
/// version (`[litellm]` in the configuration file).
///
/// Each list holds dotted paths into the record (`hidden_params.litellm_model_name`,
/// `metadata.user_api_key_team_alias`), tried in order; the first non-empty
/// string wins. A path steps through JSON-encoded objects too (a spend-log
/// row's `metadata` is text). Defaults:
///
/// | FlightDeck | fields tried | then |
/// |---|---|---|
/// | artefact | `model_group` (the model name clients ask the proxy for), `model` | — (the record is refused: `model: missing required field`) |
/// | version | `model` (the deployment's model that answered), `model_id` | `"unversioned"` |
public struct LiteLLMFieldMapping: Sendable, Hashable {
  /// Paths naming the artefact.
  public var artefactFields: [String]
  /// Paths naming the version.
  public var versionFields: [String]
  /// Version when no version path holds a string.
  public var defaultVersion: String

  /// Creates a mapping; every parameter defaults to the documented default.
  public init(
    artefactFields: [String] = ["model_group", "model"], versionFields: [String] = ["model", "model_id"],
    defaultVersion: String = "unversioned"
  ) {
    self.artefactFields = artefactFields
    self.versionFields = versionFields
    self.defaultVersion = defaultVersion
  }

  /// The documented defaults.
  public static let `default` = LiteLLMFieldMapping()
}
