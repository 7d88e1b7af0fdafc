/// What a router must do for one artefact at a moment: where its pointers
/// are and how user-facing traffic splits between the stable version (the
/// `production` pointer) and the canary, plus the shadow that receives
/// mirrored copies. Derived from the store (``init(_:)``); every publisher
/// target renders it (<doc:Routing>).
///
/// Weights are integer percentages that add up to 100 over the versions
/// that serve users (``servingSplit``): routers such as flagd's `fractional`
/// take integer weights only, and the store keeps the canary weight as an
/// integer percent.
public struct RoutingState: Sendable, Hashable, Codable {
  /// The artefact's name.
  public var artefact: String
  /// Every pointer of the artefact → the version it names.
  public var pointers: [String: String]
  /// The version the `production` pointer names; `nil` while unset (the
  /// artefact then serves nothing and targets leave it out).
  public var stable: String?
  /// The version under canary: the `canary` pointer, when set and not the
  /// stable version; `nil` otherwise.
  public var canary: String?
  /// The canary's share of user-facing requests, percent (0–100); 0 when
  /// there is no ``canary``.
  public var canaryWeight: Int
  /// The version that receives mirrored copies of requests (the `shadow`
  /// pointer), if set and not the stable version.
  public var shadow: String?
  /// The share of requests mirrored to the shadow, percent (0–100): the
  /// unfinished rollout's ``RolloutPlan/shadowMirror`` rounded to a whole
  /// percent; 0 without one.
  public var shadowPercent: Int
  /// The tags of the versions the state names (stable, canary, shadow),
  /// version → tags: where a Kubernetes target finds a version's
  /// `storage_uri`, `model_format` or `service` (<doc:Routing>). Not in the
  /// JSON an `exec` target reads.
  public var versionTags: [String: [String: String]] = [:]
  /// The `uri:` source references of the versions the state names, version
  /// → URI (`s3://…`): the default storage URI of a KServe target. Not in
  /// the JSON an `exec` target reads.
  public var versionSources: [String: String] = [:]

  enum CodingKeys: String, CodingKey {
    case artefact, pointers, stable, canary, canaryWeight, shadow, shadowPercent
  }

  /// A state from its parts; weights are clamped to 0–100.
  public init(
    artefact: String, pointers: [String: String], stable: String?, canary: String?, canaryWeight: Int,
    shadow: String? = nil, shadowPercent: Int = 0
  ) {
    self.artefact = artefact
    self.pointers = pointers
    self.stable = stable
    self.canary = canary
    self.canaryWeight = canary == nil ? 0 : min(100, max(0, canaryWeight))
    self.shadow = shadow
    self.shadowPercent = shadow == nil ? 0 : min(100, max(0, shadowPercent))
  }

  /// The state of `entry` as the store holds it: stable = `production`,
  /// canary = `canary` with the artefact's canary weight, shadow = `shadow`
  /// with the unfinished rollout's mirror share.
  public init(_ entry: RegisteredArtefact) {
    let stable = entry.pointers[.production]
    let canary = entry.pointers[.canary].flatMap { $0 == stable ? nil : $0 }
    let shadow = entry.pointers[PointerName(unchecked: "shadow")].flatMap { $0 == stable ? nil : $0 }
    let mirror = entry.rollout?.plan.shadowMirror ?? 0
    self.init(
      artefact: entry.artefact.name,
      pointers: Dictionary(uniqueKeysWithValues: entry.pointers.map { ($0.key.rawValue, $0.value) }),
      stable: stable, canary: canary, canaryWeight: entry.canaryWeightPercent, shadow: shadow,
      shadowPercent: Int((mirror * 100).rounded()))
    let named = Set([stable, canary, shadow].compactMap { $0 })
    for v in entry.versions where named.contains(v.label) {
      versionTags[v.label] = v.tags
      if let source = v.source, source.kind == .uri { versionSources[v.label] = source.value }
    }
  }

  /// The stable version's share, percent: 100 less the canary's.
  public var stableWeight: Int { 100 - canaryWeight }

  /// The versions serving users with their integer weights (percent, summing
  /// to 100), stable first; a version at weight 0 is left out. Empty when
  /// there is no stable version.
  public var servingSplit: [(version: String, weight: Int)] {
    guard let stable else { return [] }
    var out: [(version: String, weight: Int)] = []
    if stableWeight > 0 { out.append((stable, stableWeight)) }
    if let canary, canaryWeight > 0 { out.append((canary, canaryWeight)) }
    return out
  }
}
