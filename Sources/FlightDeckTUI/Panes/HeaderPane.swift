import FlightDeckCore

/// The one-row header: clock, sources, ingest rate, malformed lines, window, mode.
///
/// The mode is LIVE, PAUSED, or HISTORIC when the telemetry is older than
/// the window (the window then ends at the newest record and the clock shows
/// its date); `--read-only` adds READ-ONLY in front.
///
/// Example (80 columns, live):
/// `14:03:07Z │ 2 sources following │ 12.5 ev/s │ 0 malformed │ window 15m   LIVE `
/// The mode sits at the right edge and is drawn first so it always shows.
/// The whole row is one ``StyleRole/header`` band: every segment and
/// separator is drawn in the header role; only states that need attention
/// stand out, in reverse video so they read without colour — malformed > 0
/// (warn), a waiting (warn) or failing (critical) source, and PAUSED /
/// HISTORIC (warn).
public enum HeaderPane {
  /// The sources part: `no sources`, `1 source following`, `2 sources following`,
  /// or with mixed states `3 sources, 1 failing` naming the worst state
  /// (failing > waiting > finished > following).
  public static func sourcesText(_ sources: [SourceStatus]) -> (String, StyleRole) {
    guard !sources.isEmpty else { return ("no sources", .warn) }
    let noun = sources.count == 1 ? "source" : "sources"
    func rank(_ s: SourceStatus.State) -> Int {
      switch s {
      case .following: return 0
      case .finished: return 1
      case .waiting: return 2
      case .failing: return 3
      }
    }
    let worst = sources.map(\.state).max { rank($0) < rank($1) } ?? .following
    let role: StyleRole = worst == .failing ? .critical : (worst == .waiting ? .warn : .text)
    if sources.allSatisfy({ $0.state == worst }) {
      return ("\(sources.count) \(noun) \(worst.rawValue)", role)
    }
    let n = sources.filter { $0.state == worst }.count
    return ("\(sources.count) \(noun), \(n) \(worst.rawValue)", role)
  }

  /// Draws the header into row `rect.y` of `canvas`.
  public static func draw(
    into canvas: inout Canvas, rect: Rect, snapshot: DashboardSnapshot?, state: AppState
  ) {
    guard !rect.isEmpty else { return }
    canvas.fill(Rect(x: rect.x, y: rect.y, width: rect.width, height: 1), style: CellStyle(.header))
    let historic = snapshot?.anchoredToData ?? false
    var mode = state.isPaused ? " PAUSED " : (historic ? " HISTORIC " : " LIVE ")
    if state.readOnly { mode = " READ-ONLY" + mode }
    let modeStyle =
      state.isPaused || historic
      ? CellStyle(.warn, bold: true, reverse: true) : CellStyle(.header, bold: true)
    let modeX = max(rect.x, rect.maxX - mode.count)
    canvas.put(mode, x: modeX, y: rect.y, maxWidth: rect.maxX - modeX, style: modeStyle)
    var x = rect.x
    let limit = modeX - 1
    func segment(_ text: String, _ style: CellStyle) {
      guard x < limit else { return }
      if x > rect.x {
        x += canvas.put(" │ ", x: x, y: rect.y, maxWidth: limit - x, style: CellStyle(.header))
      }
      guard x < limit else { return }
      x += canvas.put(text, x: x, y: rect.y, maxWidth: limit - x, style: style)
    }
    guard let snapshot else {
      segment("FlightDeck", CellStyle(.header, bold: true))
      segment("waiting for the first snapshot", CellStyle(.header))
      return
    }
    if snapshot.anchoredToData {
      // A historic file: the window ends at its newest record, so show the date too.
      let rfc = snapshot.now.rfc3339
      segment(
        "as of " + rfc.prefix(10) + " " + PaneFormat.clock(snapshot.now) + "Z", CellStyle(.header, bold: true)
      )
    } else {
      segment(PaneFormat.clock(snapshot.now) + "Z", CellStyle(.header, bold: true))
    }
    let (sources, role) = sourcesText(snapshot.ingest.sources)
    segment(sources, role == .text ? CellStyle(.header) : CellStyle(role, bold: true, reverse: true))
    segment(PaneFormat.rate(snapshot.ingest.eventsPerSecond) + " ev/s", CellStyle(.header))
    let bad = snapshot.ingest.malformedLines
    segment(
      "\(bad) malformed" + (bad > 0 ? " !" : ""),
      bad > 0 ? CellStyle(.warn, bold: true, reverse: true) : CellStyle(.header))
    segment("window " + PaneFormat.duration(ms: snapshot.windowMs), CellStyle(.header))
  }
}
