/// One line of `flightdeck routing status`: a configured target and how it
/// stands (<doc:Routing>).
public struct RoutingStatus: Sendable, Hashable {
  /// The target.
  public var target: RoutingTarget
  /// How it stands.
  public var condition: RoutingTargetCondition
  /// The sha256 last published, if any.
  public var digest: String?
  /// Why it is not in sync, if it is not (sanitised, one line).
  public var detail: String?
  /// When it was last published, if ever.
  public var publishedAt: Timestamp?

  /// A line from its parts.
  public init(
    target: RoutingTarget, condition: RoutingTargetCondition, digest: String?, detail: String?,
    publishedAt: Timestamp? = nil
  ) {
    self.target = target
    self.condition = condition
    self.digest = digest
    self.detail = detail
    self.publishedAt = publishedAt
  }

  /// Every configured target's status: `failing` or `drifted` as its last
  /// record says; else `out of date` when it was never published or an
  /// artefact it carries has an unpublished change; else `in sync`.
  public static func of(
    _ configuration: RoutingConfiguration, records: [RoutingTargetRecord], outbox: [RoutingOutboxEntry]
  ) -> [RoutingStatus] {
    configuration.targets.map { target in
      let record = records.first { $0.name == target.name }
      let owed = outbox.filter { $0.isOutOfDate && target.carries($0.artefact) }.map(\.artefact).sorted()
      let detail = record?.detail.map(TerminalText.sanitize)
      switch record?.condition {
      case .failing?, .drifted?:
        return RoutingStatus(
          target: target, condition: record!.condition, digest: record?.digest, detail: detail,
          publishedAt: record?.publishedAt)
      case nil:
        return RoutingStatus(target: target, condition: .outOfDate, digest: nil, detail: "never published")
      default:
        if !owed.isEmpty {
          return RoutingStatus(
            target: target, condition: .outOfDate, digest: record?.digest,
            detail: "unpublished change of \(owed.joined(separator: ", "))", publishedAt: record?.publishedAt)
        }
        return RoutingStatus(
          target: target, condition: .inSync, digest: record?.digest, detail: nil,
          publishedAt: record?.publishedAt)
      }
    }
  }
}
