import FlightDeckCore

/// The incident view (Enter on an incident): the incident and its
/// self-built timeline once loaded, the timeline row under the cursor
/// (Enter opens it whole) and how far the timeline is scrolled.
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
  /// The timeline row under the cursor (an index into the rows shown);
  /// `nil` is the newest row, following new entries as they come.
  public var cursor: Int?

  /// Creates the view state for incident `id`, loading.
  public init(id: Int64) { self.id = id }

  /// The row under the cursor among `count` rows (`nil`: no rows).
  public func resolvedCursor(count: Int) -> Int? {
    guard count > 0 else { return nil }
    return min(max(0, cursor ?? count - 1), count - 1)
  }

  /// Moves the cursor by `delta` rows among `count` (clamped) and scrolls
  /// so that it stays among the `room` rows shown; on the newest row both
  /// follow new entries again (`nil`).
  public mutating func moveCursor(by delta: Int, count: Int, room: Int) {
    guard let current = resolvedCursor(count: count) else {
      cursor = nil
      offset = nil
      return
    }
    let next = min(max(0, current.addingReportingOverflow(delta).partialValue), count - 1)
    let last = max(0, count - max(1, room))
    var top = min(offset ?? last, last)
    if next < top { top = next }
    if next >= top + room { top = next - room + 1 }
    cursor = next == count - 1 ? nil : next
    offset = cursor == nil && top == last ? nil : min(top, last)
  }
}
