/// The registry at one moment: an immutable value the dashboard draws from.
public struct RegistrySnapshot: Sendable, Hashable {
  /// Every artefact, sorted by name.
  public var artefacts: [RegisteredArtefact]
  /// Open requests (pending, approved) and the 50 most recently closed, newest first.
  public var requests: [PromotionRequest]
  /// The store's change token when this was read (see ``RegistryStore/changeToken()``).
  public var changeToken: Int64
  /// The number of audit entries.
  public var auditCount: Int64

  /// Creates a snapshot.
  public init(
    artefacts: [RegisteredArtefact], requests: [PromotionRequest], changeToken: Int64, auditCount: Int64
  ) {
    self.artefacts = artefacts
    self.requests = requests
    self.changeToken = changeToken
    self.auditCount = auditCount
  }

  /// An empty registry.
  public static let empty = RegistrySnapshot(artefacts: [], requests: [], changeToken: 0, auditCount: 0)

  /// The artefact named `name`, if registered.
  public func artefact(_ name: String) -> RegisteredArtefact? { artefacts.first { $0.artefact.name == name } }

  /// Open requests for `artefact` (and `version`, when given), oldest first.
  public func openRequests(artefact: String, version: String? = nil) -> [PromotionRequest] {
    requests.filter {
      $0.state.isOpen && $0.artefact == artefact && (version == nil || $0.version == version)
    }
    .sorted { $0.id < $1.id }
  }
}
