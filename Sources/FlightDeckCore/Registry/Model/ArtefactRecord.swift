import Foundation

/// A registered artefact: a model, prompt or agent with an owner and a risk tier
/// (MLflow's registered model, Langfuse's prompt name).
public struct ArtefactRecord: Sendable, Hashable, Codable {
  /// Unique name: 1–128 characters of letters, digits and `. _ - /`, starting
  /// with a letter or digit (see ``RegistryNames/validateArtefact(_:)``).
  public var name: String
  /// What the artefact is.
  public var kind: ArtefactKind
  /// The owning team or person (free text, may be empty).
  public var owner: String
  /// The risk tier that decides the approvals a promotion to production needs.
  public var riskTier: RiskTier
  /// Free-text description (may be empty).
  public var description: String
  /// When it was registered.
  public var createdAt: Timestamp
  /// Who registered it (an ``OperatorIdentity`` name).
  public var createdBy: String

  /// Creates an artefact record.
  public init(
    name: String, kind: ArtefactKind, owner: String = "", riskTier: RiskTier = .medium,
    description: String = "", createdAt: Timestamp, createdBy: String
  ) {
    self.name = name
    self.kind = kind
    self.owner = owner
    self.riskTier = riskTier
    self.description = description
    self.createdAt = createdAt
    self.createdBy = createdBy
  }
}
