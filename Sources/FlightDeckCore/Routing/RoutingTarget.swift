/// One place FlightDeck publishes routing state to (`[[routing.targets]]`
/// in the configuration file, see <doc:Routing>).
public struct RoutingTarget: Sendable, Hashable {
  /// The target's unique name (`[A-Za-z0-9_.-]`, at most 64 characters).
  public var name: String
  /// What it writes.
  public var kind: RoutingTargetKind
  /// The file it writes (its folder must exist).
  public var path: String
  /// The artefacts it carries; `nil`: every registered artefact (`"*"`).
  public var artefacts: [String]?
  /// Kind-specific options (`[routing.targets.options]`), e.g. the LiteLLM
  /// `model` template; every value a string.
  public var options: [String: String]

  /// A target from its parts.
  public init(
    name: String, kind: RoutingTargetKind, path: String, artefacts: [String]? = nil,
    options: [String: String] = [:]
  ) {
    self.name = name
    self.kind = kind
    self.path = path
    self.artefacts = artefacts
    self.options = options
  }

  /// Whether the target carries `artefact`.
  public func carries(_ artefact: String) -> Bool {
    artefacts.map { $0.contains(artefact) } ?? true
  }
}
