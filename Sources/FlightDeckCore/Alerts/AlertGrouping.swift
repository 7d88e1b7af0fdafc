/// Groups alert instances for display by the values of some labels
/// (Alertmanager's `group_by`), e.g. `["severity", "artefact"]`.
public enum AlertGrouping {
  /// One group: the label values it shares and its instances.
  public struct Group: Sendable, Hashable {
    /// The grouping labels' values (`""` for a missing label).
    public var key: [String: String]
    /// The instances, firing first.
    public var instances: [AlertInstance]
  }

  /// Groups `instances` by the values of `labels`; groups are ordered by
  /// their most urgent instance's state, then by their key's values; inside
  /// a group instances keep ``AlertState/rank`` order then name.
  public static func group(_ instances: [AlertInstance], by labels: [String]) -> [Group] {
    var groups: [[String]: [AlertInstance]] = [:]
    for i in instances { groups[labels.map { i.labels[$0] ?? "" }, default: []].append(i) }
    return groups.map { values, members in
      Group(
        key: Dictionary(uniqueKeysWithValues: zip(labels, values)),
        instances: members.sorted { ($0.state.rank, $0.displayName) < ($1.state.rank, $1.displayName) })
    }
    .sorted { a, b in
      let ra = a.instances.first?.state.rank ?? 9
      let rb = b.instances.first?.state.rank ?? 9
      if ra != rb { return ra < rb }
      return labels.map { a.key[$0] ?? "" }.lexicographicallyPrecedes(labels.map { b.key[$0] ?? "" })
    }
  }
}
