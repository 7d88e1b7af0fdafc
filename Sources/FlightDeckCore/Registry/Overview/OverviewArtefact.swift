/// One artefact of the ``RegistryOverview`` with its version rows.
public struct OverviewArtefact: Sendable, Hashable {
  /// The artefact's name (untrusted text).
  public var name: String
  /// Its kind: the registry's, else what telemetry last said.
  public var kind: ArtefactKind
  /// The registry record (`nil`: seen only in telemetry).
  public var record: ArtefactRecord?
  /// The version rows, in the order described by ``RegistryOverview``.
  public var versions: [OverviewVersion]
  /// The version `production` points to, if any.
  public var productionVersion: String?
  /// The registry's canary traffic weight in percent (0 when unregistered).
  public var canaryWeightPercent: Int

  /// Creates an artefact entry.
  public init(
    name: String, kind: ArtefactKind, record: ArtefactRecord?, versions: [OverviewVersion],
    productionVersion: String?, canaryWeightPercent: Int
  ) {
    self.name = name
    self.kind = kind
    self.record = record
    self.versions = versions
    self.productionVersion = productionVersion
    self.canaryWeightPercent = canaryWeightPercent
  }

  /// Whether the artefact is in the registry.
  public var isRegistered: Bool { record != nil }
}
