/// One artefact of a scenario and its traffic split (`[[artefact]]`).
///
/// Routing follows AI gateways (LiteLLM, Portkey) and Argo Rollouts terms:
/// `canaryWeight` percent of user-facing requests go to the canary, the rest
/// to the stable version; `mirrorFraction` of user-facing requests are also
/// copied to the shadow version.
public struct ScenarioArtefact: Sendable, Hashable {
  /// Artefact name (`name`), e.g. `support-bot`.
  public var name: String
  /// Artefact kind (`kind`: `model`, `prompt` or `agent`).
  public var kind: ArtefactKind
  /// Relative share of the scenario's total rate (`share`), > 0. Shares are
  /// normalised over all artefacts, so 0.35 of a total of 1.0 is 35 %.
  public var share: Double
  /// Session behaviour (`[artefact.sessions]`); `nil` means requests carry no
  /// session id and are routed by an independent weighted draw.
  public var sessions: ScenarioSessions?
  /// The stable version (`[artefact.stable]`).
  public var stable: ScenarioVersion
  /// The canary version (`[artefact.canary]`), optional.
  public var canary: ScenarioVersion?
  /// Percentage of user-facing requests sent to the canary
  /// (`canary.weight`), 0…100; 0 when there is no canary.
  public var canaryWeight: Double
  /// The shadow version (`[artefact.shadow]`), optional.
  public var shadow: ScenarioVersion?
  /// Fraction of user-facing requests mirrored to the shadow
  /// (`shadow.mirror`), 0…1; 0 when there is no shadow.
  public var mirrorFraction: Double

  /// Creates an artefact.
  public init(
    name: String, kind: ArtefactKind, share: Double = 1, sessions: ScenarioSessions? = nil,
    stable: ScenarioVersion, canary: ScenarioVersion? = nil, canaryWeight: Double = 0,
    shadow: ScenarioVersion? = nil, mirrorFraction: Double = 0
  ) {
    self.name = name
    self.kind = kind
    self.share = share
    self.sessions = sessions
    self.stable = stable
    self.canary = canary
    self.canaryWeight = canaryWeight
    self.shadow = shadow
    self.mirrorFraction = mirrorFraction
  }
}
