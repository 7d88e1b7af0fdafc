/// Which OTLP span / resource attributes name FlightDeck's artefact, version,
/// route and kind.
///
/// Each `…Keys` list is tried in order; for every key the span's attributes
/// are looked at first, then the resource's (so `service.version` or a
/// resource-level `flightdeck.route` work). Defaults:
///
/// | FlightDeck | keys tried | then |
/// |---|---|---|
/// | artefact | `flightdeck.artefact` | the model (`gen_ai.request.model`, else `gen_ai.response.model`) |
/// | version | `flightdeck.version`, `gen_ai.response.model` | the version the same artefact and request model resolved to before (``OTLPVersionMemory``), else the request model, else `"unversioned"` |
/// | route | `flightdeck.route` | `stable` |
/// | kind | `flightdeck.kind` | `model` |
/// | session_id | `session.id`, `gen_ai.conversation.id` | absent |
/// | error_type | `error.type` | absent |
public struct OTLPAttributeMapping: Sendable, Hashable {
  /// Keys naming the artefact; the model name is used when none is present.
  public var artefactKeys: [String]
  /// Keys naming the version.
  public var versionKeys: [String]
  /// Version used when no version key is present.
  public var defaultVersion: String
  /// Keys naming the route (values `stable`, `canary`, `shadow`).
  public var routeKeys: [String]
  /// Route used when no route key is present.
  public var defaultRoute: Route
  /// Keys naming the artefact kind (values `model`, `prompt`, `agent`).
  public var kindKeys: [String]
  /// Kind used when no kind key is present.
  public var defaultKind: ArtefactKind
  /// Keys naming the session.
  public var sessionKeys: [String]
  /// Keys naming the error class.
  public var errorTypeKeys: [String]

  /// Creates a mapping; every parameter defaults to the documented default.
  public init(
    artefactKeys: [String] = ["flightdeck.artefact"],
    versionKeys: [String] = ["flightdeck.version", "gen_ai.response.model"],
    defaultVersion: String = "unversioned",
    routeKeys: [String] = ["flightdeck.route"], defaultRoute: Route = .stable,
    kindKeys: [String] = ["flightdeck.kind"], defaultKind: ArtefactKind = .model,
    sessionKeys: [String] = ["session.id", "gen_ai.conversation.id"],
    errorTypeKeys: [String] = ["error.type"]
  ) {
    self.artefactKeys = artefactKeys
    self.versionKeys = versionKeys
    self.defaultVersion = defaultVersion
    self.routeKeys = routeKeys
    self.defaultRoute = defaultRoute
    self.kindKeys = kindKeys
    self.defaultKind = defaultKind
    self.sessionKeys = sessionKeys
    self.errorTypeKeys = errorTypeKeys
  }

  /// Every key of the lists above, in their order (repeats kept): with
  /// ``OTLPDecoder/fixedMappedKeys``, the keys the GenAI mapping reads
  /// (``OTLPMappedKeys``).
  var keys: [String] {
    artefactKeys + versionKeys + routeKeys + kindKeys + sessionKeys + errorTypeKeys
  }

  /// The documented defaults.
  public static let `default` = OTLPAttributeMapping()
}
