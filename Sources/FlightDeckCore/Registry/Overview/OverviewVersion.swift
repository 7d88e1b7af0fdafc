/// One version row of the ``RegistryOverview``: what the registry says about
/// the version (pointers, open request, rollback) next to what telemetry
/// shows it doing (routes, traffic share, figures).
///
/// Strings (labels, names) are untrusted: draw them through a sanitiser.
public struct OverviewVersion: Sendable, Hashable {
  /// Marks for rows that need a second look.
  public struct Flags: OptionSet, Sendable, Hashable {
    /// The bits: 1 unregistered, 2 no traffic.
    public let rawValue: UInt8
    /// Creates flags from raw bits.
    public init(rawValue: UInt8) { self.rawValue = rawValue }
    /// Seen in telemetry but not registered (or its artefact is not): must be
    /// visibly flagged, since nobody approved it.
    public static let unregistered = Flags(rawValue: 1)
    /// Registered but not seen in the telemetry window.
    public static let noTraffic = Flags(rawValue: 2)
  }

  /// The artefact's name.
  public var artefact: String
  /// The version label.
  public var label: String
  /// Pointers on the version, production first (``PointerName``'s order).
  public var pointers: [PointerName]
  /// Telemetry legs of the version in the window (stable, canary, shadow order);
  /// empty when not seen.
  public var legs: [VersionSummary]
  /// The version's open promotion request (the oldest, when several), if any.
  public var openRequest: PromotionRequest?
  /// When a rollback took production away from it (`nil`: never).
  public var rolledBackAt: Timestamp?
  /// Row marks.
  public var flags: Flags
  /// The latest evaluation-gate check of the version (`nil`: never checked, or not registered).
  public var gates: GateStatus?

  /// Creates a row.
  public init(
    artefact: String, label: String, pointers: [PointerName], legs: [VersionSummary],
    openRequest: PromotionRequest?, rolledBackAt: Timestamp?, flags: Flags, gates: GateStatus? = nil
  ) {
    self.gates = gates
    self.artefact = artefact
    self.label = label
    self.pointers = pointers
    self.legs = legs
    self.openRequest = openRequest
    self.rolledBackAt = rolledBackAt
    self.flags = flags
  }

  /// Routes the version was seen on, in leg order.
  public var routes: [Route] { legs.map(\.route) }

  /// The leg whose figures the row shows: stable, else canary, else shadow.
  /// (Percentiles of different legs cannot be merged from their summaries,
  /// so the row shows one leg's figures rather than an invented blend.)
  public var primaryLeg: VersionSummary? {
    legs.first { $0.route == .stable } ?? legs.first { $0.route == .canary } ?? legs.first
  }

  /// Share of the artefact's user-facing requests: the sum of the stable and
  /// canary legs' shares (0…1); for a shadow-only version its mirror fraction;
  /// `nil` when not seen.
  public var trafficShare: Double? {
    let user = legs.filter { $0.route != .shadow }
    if !user.isEmpty { return user.reduce(0) { $0 + $1.trafficShare } }
    return legs.first?.trafficShare
  }

  /// The primary leg's window figures (`nil` when not seen).
  public var stats: WindowStats? { primaryLeg?.stats }

  /// Whether the version is seen in telemetry but not registered.
  public var isUnregistered: Bool { flags.contains(.unregistered) }
  /// Whether the version is registered but carries no traffic in the window.
  public var hasNoTraffic: Bool { flags.contains(.noTraffic) }
}
