/// An artefact, its versions and pointer positions read from another registry
/// (MLflow), ready to import with ``RegistryCommand/importArtefact(_:)``.
public struct RegistryImportPlan: Sendable, Hashable {
  /// One version to import.
  public struct Version: Sendable, Hashable {
    /// The label (MLflow's version number as text).
    public var label: String
    /// When the source registry created it.
    public var createdAt: Timestamp
    /// Who created it there (empty: unknown; the importer is recorded instead).
    public var createdBy: String
    /// Where it came from.
    public var source: SourceReference?
    /// Its tags.
    public var tags: [String: String]
    /// Its description.
    public var description: String

    /// Creates a version to import.
    public init(
      label: String, createdAt: Timestamp, createdBy: String, source: SourceReference?,
      tags: [String: String],
      description: String
    ) {
      self.label = label
      self.createdAt = createdAt
      self.createdBy = createdBy
      self.source = source
      self.tags = tags
      self.description = description
    }
  }

  /// The artefact name.
  public var artefact: String
  /// Its kind (MLflow registers models).
  public var kind: ArtefactKind
  /// Its description.
  public var description: String
  /// Risk tier for a newly created artefact (an existing one keeps its own).
  public var riskTier: RiskTier
  /// The versions.
  public var versions: [Version]
  /// Pointer → version label after import.
  public var pointers: [PointerName: String]
  /// Where the plan came from (file name), recorded as the moves' reason.
  public var origin: String
  /// What the reader noticed and did not silently decide (e.g. two versions in
  /// Production), shown to the user and recorded.
  public var warnings: [String]

  /// Creates a plan.
  public init(
    artefact: String, kind: ArtefactKind, description: String, riskTier: RiskTier, versions: [Version],
    pointers: [PointerName: String], origin: String, warnings: [String]
  ) {
    self.artefact = artefact
    self.kind = kind
    self.description = description
    self.riskTier = riskTier
    self.versions = versions
    self.pointers = pointers
    self.origin = origin
    self.warnings = warnings
  }
}
