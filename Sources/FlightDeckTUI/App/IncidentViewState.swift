import FlightDeckCore

/// The incident view (Enter on an incident): the incident and its
/// self-built timeline once loaded, and how far the timeline is scrolled.
public struct IncidentViewState: Sendable, Hashable {
  /// The incident shown (its number, as in `INC-<id>`).
  public var id: Int64
  /// The incident as last read (`nil` while loading).
  public var incident: Incident?
  /// The timeline, oldest first (`nil` while loading).
  public var timeline: [IncidentTimelineEntry]?
  /// Why loading failed, if it did.
  public var error: String?
  /// The first timeline row shown; `nil` follows the newest row at the
  /// bottom (new entries scroll in as they happen).
  public var offset: Int?

  /// Creates the view state for incident `id`, loading.
  public init(id: Int64) { self.id = id }
}
