import FlightDeckCore

/// The incident view (Enter on an incident): a header with the incident's
/// state, people, times (TTA/TTM/TTR) and links, then its self-built
/// timeline, newest at the bottom, one row per entry: `HH:MM:SS kind actor text`.
/// ↑/↓ move a cursor over the rows (drawn in reverse video; the newest row
/// until moved); Enter opens the row under it whole (``TextView``).
///
/// Only entries at or before the snapshot's clock are shown. Live, that is
/// every entry; in a replay (`flightdeck dashboard --replay INC-n`, where
/// the engine's clock runs through the incident's past) the timeline's
/// events therefore appear as they happened, in step with the telemetry on
/// the rest of the screen.
public enum IncidentView {
  /// Header lines above the timeline (including the timeline's caption).
  static let headerLines = 6

  /// The timeline entries shown at `now` (all of them when `now` is `nil`).
  public static func visibleTimeline(_ view: IncidentViewState, now: Timestamp?) -> [IncidentTimelineEntry] {
    let all = view.timeline ?? []
    guard let now else { return all }
    return all.filter { $0.at <= now }
  }

  /// Timeline rows that fit in a `width` × `height` screen.
  public static func timelineRows(width: Int, height: Int) -> Int {
    max(1, OverlayFrame.large(width: width, height: height).height - 2 - headerLines)
  }

  /// A time as `HH:MM:SS`, `-` when absent.
  static func time(_ t: Timestamp?) -> String { t.map(PaneFormat.clock) ?? "-" }

  /// A duration in ms, `-` when absent.
  static func span(_ ms: Int64?) -> String { ms.map { PaneFormat.duration(ms: max(0, $0)) } ?? "-" }

  /// The header lines of `incident` at `now`.
  public static func header(_ i: Incident, now: Timestamp?) -> [(String, CellStyle)] {
    let commander = i.commander.map { "commander \($0)" } ?? "no commander"
    var links: [String] = i.links.alerts.map {
      "alert \($0.rule)" + ($0.labels["artefact"].map { " (\($0))" } ?? "")
    }
    links += i.links.versions.map { "version \($0.artefact) \($0.label)" }
    let versioned = Set(i.links.versions.map(\.artefact))
    links += i.links.artefacts.filter { !versioned.contains($0) }.map { "artefact \($0)" }
    links += i.links.rollouts.map { "rollout RO-\($0)" }
    let age = now.map { " · open \(span(i.durationMs(now: $0)))" } ?? ""
    return [
      (
        "\(i.displayID) \(i.severity.rawValue) \(i.state.rawValue) · \(commander) · \(i.source.rawValue)"
          + (i.state.isOpen ? age : ""), IncidentsPane.style(i)
      ),
      (i.title, CellStyle(.text, bold: true)),
      (
        "opened \(time(i.openedAt)) by \(i.openedBy)"
          + (i.timeToDetectMs.map { " (\(span($0)) after the alert fired)" } ?? ""), CellStyle(.text)
      ),
      (
        "ack \(time(i.acknowledgedAt))" + (i.acknowledgedBy.map { " by \($0)" } ?? "")
          + " · mitigated \(time(i.mitigatedAt)) · resolved \(time(i.resolvedAt)) · TTA \(span(i.timeToAcknowledgeMs))"
          + " · TTM \(span(i.timeToMitigateMs)) · TTR \(span(i.timeToResolveMs))", CellStyle(.dim)
      ),
      ("links: " + (links.isEmpty ? "none" : links.joined(separator: " · ")), CellStyle(.dim)),
    ]
  }

  /// The style of a timeline entry by kind: firing (and firing again), aborts and rollbacks
  /// critical; resolution and mitigation ok; notes bold; the rest plain.
  static func style(_ kind: IncidentTimelineKind) -> CellStyle {
    switch kind {
    case .alertFiring, .firedAgain, .rolloutAbort, .rollback, .opened: return CellStyle(.critical)
    case .alertResolved, .mitigated, .resolved, .rolloutPromote: return CellStyle(.ok)
    case .note: return CellStyle(.text, bold: true)
    case .silence, .acknowledged, .alertAcknowledged, .assigned, .severity: return CellStyle(.warn)
    default: return CellStyle(.text)
    }
  }

  /// One timeline row: `HH:MM:SS kind actor text`.
  public static func row(_ e: IncidentTimelineEntry) -> String {
    "\(PaneFormat.clock(e.at)) \(e.kind.rawValue) \(e.actor) \(e.text)"
  }

  /// The first timeline entry shown when `room` rows hold `count`
  /// entries: the view's offset (the newest page by default), moved so
  /// that the cursor's row is always on screen (the window follows it).
  static func timelineOffset(_ view: IncidentViewState, count: Int, room: Int) -> Int {
    let last = max(0, count - room)
    var offset = min(view.offset ?? last, last)
    if let cursor = view.resolvedCursor(count: count), room > 0 {
      if cursor < offset { offset = cursor }
      if cursor >= offset + room { offset = cursor - room + 1 }
    }
    return offset
  }

  /// The timeline entry (index into ``visibleTimeline(_:now:)``) drawn at
  /// screen row `y` on a `width` × `height` screen, following ``draw(into:view:now:symbols:)``;
  /// `nil` on the header, caption or border, or while loading. For a click
  /// (``MouseUpdate``).
  public static func entry(atY y: Int, view: IncidentViewState, now: Timestamp?, width: Int, height: Int)
    -> Int?
  {
    let box = OverlayFrame.large(width: width, height: height)
    guard box.width >= 10, box.height >= 4, let incident = view.incident, view.timeline != nil else {
      return nil
    }
    let inner = box.inset(by: 1)
    let top = inner.y + (view.error == nil ? 0 : 1) + header(incident, now: now).count + 1
    let entries = visibleTimeline(view, now: now)
    let room = max(0, inner.maxY - top)
    guard y >= top, y < inner.maxY else { return nil }
    let n = timelineOffset(view, count: entries.count, room: room) + (y - top)
    return n < entries.count ? n : nil
  }

  /// Draws the view over the screen.
  public static func draw(
    into canvas: inout Canvas, view: IncidentViewState, now: Timestamp?, symbols: Symbols
  ) {
    let box = OverlayFrame.large(width: canvas.width, height: canvas.height)
    guard box.width >= 10, box.height >= 4 else { return }
    canvas.fill(box, style: CellStyle(.text))
    let inner = canvas.drawBox(
      box, title: "Incident INC-\(view.id) (Esc closes)", focused: true, symbols: symbols)
    guard !inner.isEmpty else { return }
    var y = inner.y
    func line(_ text: String, _ style: CellStyle) {
      guard y < inner.maxY else { return }
      canvas.put(text, x: inner.x + 1, y: y, maxWidth: inner.width - 1, style: style)
      y += 1
    }
    if let error = view.error { line(error, CellStyle(.critical, bold: true)) }
    guard let incident = view.incident else {
      if view.error == nil { line("loading…", CellStyle(.dim)) }
      return
    }
    for (text, style) in header(incident, now: now) { line(text, style) }
    let entries = visibleTimeline(view, now: now)
    let hidden = (view.timeline?.count ?? 0) - entries.count
    let caption =
      view.timeline == nil
      ? "timeline: loading…"
      : "timeline (\(PaneFormat.count(entries.count, "entry", plural: "entries"))"
        + (hidden > 0 ? ", \(hidden) after \(time(now)) not yet shown" : "") + ")"
    line(caption, CellStyle(.header, bold: true))
    let room = max(0, inner.maxY - y)
    let offset = timelineOffset(view, count: entries.count, room: room)
    let cursor = view.resolvedCursor(count: entries.count)
    for (n, e) in entries.enumerated().dropFirst(offset).prefix(room) {
      let text = row(e)
      guard y < inner.maxY else { break }
      var look = style(e.kind)
      if n == cursor { look.reverse = true }
      canvas.put(text, x: inner.x + 1, y: y, maxWidth: inner.width - 1, style: look)
      y += 1
    }
    PaneTable.drawMoreIndicator(entries.count - offset - room, box: box, in: &canvas)
    PaneTable.drawAboveIndicator(offset, box: box, in: &canvas)
  }
}
