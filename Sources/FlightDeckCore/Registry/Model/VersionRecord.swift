/// A registered version of an artefact. Its content (label, source, tags) is
/// immutable once registered; only its status changes (a rollback marks it).
public struct VersionRecord: Sendable, Hashable, Codable {
  /// The artefact it belongs to.
  public var artefact: String
  /// The version label (`v12`, `2024-06-01`, `15`): 1–64 characters of
  /// letters, digits and `. _ - +`, starting with a letter or digit.
  public var label: String
  /// When it was registered (for imports: when the source registry created it).
  public var createdAt: Timestamp
  /// Who registered it.
  public var createdBy: String
  /// Where it came from, if known.
  public var source: SourceReference?
  /// Free-form tags, key → value.
  public var tags: [String: String]
  /// Free-text description (may be empty).
  public var description: String
  /// When a rollback took production away from this version (`nil`: never).
  public var rolledBackAt: Timestamp?
  /// The latest evaluation-gate check recorded on the version (`nil`: never
  /// checked). Not part of the immutable content: each `flightdeck gate check`
  /// adds a record and the newest is current.
  public var gates: GateStatus?

  /// Creates a version record.
  public init(
    artefact: String, label: String, createdAt: Timestamp, createdBy: String,
    source: SourceReference? = nil, tags: [String: String] = [:], description: String = "",
    rolledBackAt: Timestamp? = nil, gates: GateStatus? = nil
  ) {
    self.artefact = artefact
    self.label = label
    self.createdAt = createdAt
    self.createdBy = createdBy
    self.source = source
    self.tags = tags
    self.description = description
    self.rolledBackAt = rolledBackAt
    self.gates = gates
  }
}
