/// The identity of one metric series: an (artefact, version, route) triple.
///
/// Sorted by artefact, then version, then route — the order of `replay`'s
/// table and of the peers in `../shared/bench/peers.sh`.
public struct SeriesKey: Hashable, Sendable, Comparable, CustomStringConvertible {
  /// Artefact name (untrusted text).
  public var artefact: String
  /// Version label (untrusted text).
  public var version: String
  /// Traffic leg.
  public var route: Route

  /// Creates a series key.
  public init(artefact: String, version: String, route: Route) {
    self.artefact = artefact
    self.version = version
    self.route = route
  }

  /// Byte order of artefact, then version, then route name.
  public static func < (a: SeriesKey, b: SeriesKey) -> Bool {
    if a.artefact != b.artefact { return a.artefact.utf8.lexicographicallyPrecedes(b.artefact.utf8) }
    if a.version != b.version { return a.version.utf8.lexicographicallyPrecedes(b.version.utf8) }
    return a.route.rawValue.utf8.lexicographicallyPrecedes(b.route.rawValue.utf8)
  }

  /// `artefact/version/route`.
  public var description: String { "\(artefact)/\(version)/\(route.rawValue)" }
}
