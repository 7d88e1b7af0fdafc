import FlightDeckCore

/// The one-row header: clock, sources, ingest rate, malformed lines, window,
/// the operator and how the name is vouched for (``identitySegment(state:form:)``), mode.
///
/// The mode is LIVE, PAUSED, or HISTORIC when the telemetry is older than
/// the window (the window then ends at the newest record and the clock shows
/// its date); `--read-only` adds READ-ONLY in front.
///
/// Example (80 columns, live):
/// `14:03:07Z │ 2 sources following │ 12.5 ev/s │ 0 malformed │ window 15m   LIVE `
/// (with an operator: `14:03:07Z │ 2 sources following │ 12.5 ev/s │ alice (unauth.)  LIVE `)
/// The mode sits at the right edge and is drawn first so it always shows.
/// The whole row is one ``StyleRole/header`` band: every segment and
/// separator is drawn in the header role; only states that need attention
/// stand out, in reverse video so they read without colour — malformed > 0
/// (warn), a waiting (warn) or failing (critical) source, and PAUSED /
/// HISTORIC (warn).
///
/// What an on-call must not miss sits left of the mode, before any other
/// segment, at every size from the minimum up (``attention(snapshot:incidents:)``):
/// the firing page alerts nobody acknowledged or silenced and the incidents
/// nobody acknowledged, in critical reverse video, until acknowledged (the
/// status line that announced them clears after a few seconds). Left of it,
/// while notification delivery is in trouble, the dead letters and failing
/// notifications (``delivery(_:width:used:)``, e.g. `NOTIFY 2 dead`), and
/// left of that, while a routing target is not in sync, the targets
/// drifted, failing or out of date (``routing(_:width:used:)``, e.g. `ROUTE 1 drift`).
public enum HeaderPane {
  /// Whether an alert instance is a page that someone must look at: firing,
  /// neither acknowledged nor silenced (``FlightDeckCore/AlertInstance/needsAttention``),
  /// with severity `page` or `critical` (the severities that page, as
  /// ``FlightDeckCore/AlertKeeper/incidentSeverity(forAlertSeverity:)`` maps
  /// them to SEV1–SEV2).
  public static func isUnhandledPage(_ a: AlertInstance) -> Bool {
    guard a.needsAttention else { return false }
    let severity = (a.severity ?? "").lowercased()
    return severity == "page" || severity == "critical"
  }

  /// The attention segment's text: unhandled pages (``isUnhandledPage(_:)``)
  /// and incidents still `triggered`, e.g. `PAGE CanaryHighErrorRate · INC-1
  /// SEV2 unacked`; several are counted (`2 PAGES`, `INC-1 +1 unacked`).
  /// `compact` gives the short form for narrow screens (`PAGE · INC-1`).
  /// `nil` when there is nothing to acknowledge. Incidents come from the
  /// registry (``AppState/incidents``), alerts from the snapshot.
  public static func attentionText(
    alerts: [AlertInstance], incidents: [Incident], compact: Bool = false
  ) -> String? {
    let pages = alerts.filter(isUnhandledPage)
    let open = incidents.filter { $0.state == .triggered }.sorted { $0.id < $1.id }
    var parts: [String] = []
    if let page = pages.first {
      if compact {
        parts.append(pages.count == 1 ? "PAGE" : "\(pages.count) PAGES")
      } else {
        parts.append(pages.count == 1 ? "PAGE \(page.ruleName)" : "\(pages.count) PAGES firing")
      }
    }
    if let first = open.first {
      let more = open.count > 1 ? " +\(open.count - 1)" : ""
      parts.append(
        compact ? first.displayID + more : "\(first.displayID) \(first.severity.rawValue)\(more) unacked")
    }
    return parts.isEmpty ? nil : parts.joined(separator: " · ")
  }

  /// The attention segment (critical, bold, reverse video, padded by one
  /// space each side) for a header of `width` columns whose mode label is
  /// `modeWidth` wide: the full ``attentionText(alerts:incidents:compact:)``
  /// when it leaves 20 columns for the other segments, else the compact one;
  /// `nil` when nothing needs acknowledging.
  public static func attention(
    snapshot: DashboardSnapshot?, incidents: [Incident]?, width: Int, modeWidth: Int
  ) -> Segment? {
    let alerts = snapshot?.alerts ?? []
    let incidents = incidents ?? []
    guard let full = attentionText(alerts: alerts, incidents: incidents) else { return nil }
    let style = CellStyle(.critical, bold: true, reverse: true)
    if DisplayWidth.of(full) + 2 + modeWidth + 1 + 20 <= width { return (" " + full + " ", style) }
    let short = attentionText(alerts: alerts, incidents: incidents, compact: true) ?? full
    return (" " + short + " ", style)
  }

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

  /// The sources part in its short form, for narrow headers: `3 src` when
  /// every source is following or finished, else the worst state counted,
  /// e.g. `3 src, 1 failing` (`no sources` stays as it is); same style as
  /// ``sourcesText(_:)``.
  public static func compactSourcesText(_ sources: [SourceStatus]) -> (String, StyleRole) {
    let (text, role) = sourcesText(sources)
    guard !sources.isEmpty else { return (text, role) }
    let worst = sources.map(\.state).first { $0 == .failing } ?? sources.map(\.state).first { $0 == .waiting }
    guard let worst else { return ("\(sources.count) src", role) }
    let n = sources.filter { $0.state == worst }.count
    return ("\(sources.count) src, \(n) \(worst.rawValue)", role)
  }

  /// One header segment: its text and style.
  public typealias Segment = (text: String, style: CellStyle)

  /// The mode label drawn at the right edge, with its style: ` PAUSED `,
  /// ` HISTORIC ` (telemetry older than the window), ` FRAME ` (a headless
  /// still frame from `flightdeck render`, ``AppState/isStill``), the
  /// replay's label (``AppState/replayLabel``, e.g. ` REPLAY INC-1 ×10 `) or ` LIVE `,
  /// with `READ-ONLY` in front in read-only mode.
  /// ` AHEAD ` replaces ` HISTORIC ` when every record is dated after the
  /// clock (clock skew, or a simulator running faster than real time).
  public static func mode(snapshot: DashboardSnapshot?, state: AppState) -> Segment {
    let historic = snapshot?.anchoredToData ?? false
    let anchorLabel = snapshot?.anchor == .aheadOfClock ? " AHEAD " : " HISTORIC "
    var mode =
      state.isPaused
      ? " PAUSED "
      : state.replayLabel.map { " \($0) " }
        ?? (historic ? anchorLabel : (state.isStill ? " FRAME " : " LIVE "))
    if state.readOnly { mode = " READ-ONLY" + mode }
    let style =
      state.isPaused || historic
      ? CellStyle(.warn, bold: true, reverse: true) : CellStyle(.header, bold: true)
    return (mode, style)
  }

  /// The segments left of the mode that fit `width` columns (separators
  /// ` │ ` of 3 included), by priority.
  ///
  /// The full set is clock (`as of 2025-06-01 14:03:07Z` when historic),
  /// sources, who drives when `controller` gives it
  /// (``controllerSegment(state:compact:)``, e.g. `controller host-a,
  /// heartbeat 2 s ago`), `12.5 ev/s`, `3 malformed !`, `9000 over series limit !`
  /// (only when records of new series were dropped by `[metrics]
  /// max_series`), `window 15m` and, last, the operator's identity when
  /// `identity` gives one (``identitySegment(state:form:)``, e.g. `alice
  /// (unauthenticated: FLIGHTDECK_USER)`). When they do not fit, in order: a
  /// zero malformed count goes, then the controller segment becomes compact
  /// (`ctl host-a 2s`), then the identity becomes medium (`alice
  /// (unauth.)`), then the window goes, then the ingest rate goes, then the
  /// identity becomes short (`alice?`), then the date (`as of …` becomes
  /// the bare clock), then the clock, then the sources become short
  /// (``compactSourcesText(_:)``, `3 src`), then healthy sources go. Every
  /// segment returned is whole: when even that does not fit (a narrow
  /// screen with banners), the rest go in this order until it does — the
  /// controller segment, the identity, the sources, the series-limit count,
  /// the malformed count — so no segment is ever cut (a cut `3…` says nothing).
  public static func segments(
    snapshot: DashboardSnapshot, width: Int, identity: ((IdentityForm) -> Segment?)? = nil,
    controller: ((_ compact: Bool) -> Segment?)? = nil
  ) -> [Segment] {
    let bold = CellStyle(.header, bold: true)
    let plain = CellStyle(.header)
    let shortClock: Segment = (PaneFormat.clock(snapshot.now) + "Z", bold)
    var clock: Segment? = shortClock
    if snapshot.anchoredToData {
      // A historic file: the window ends at its newest record, so show the date too.
      clock = ("as of " + snapshot.now.rfc3339.prefix(10) + " " + shortClock.text, bold)
    }
    func sourcesSegment(compact: Bool) -> Segment {
      var (text, role) =
        compact ? compactSourcesText(snapshot.ingest.sources) : sourcesText(snapshot.ingest.sources)
      if let limited = snapshot.ingest.openFileLimitText { (text, role) = (limited, .warn) }
      return (text, role == .text ? plain : CellStyle(role, bold: true, reverse: true))
    }
    var sources: Segment? = sourcesSegment(compact: false)
    let sourcesHealthy = sources?.style == plain
    var rate: Segment? = (PaneFormat.rate(snapshot.ingest.eventsPerSecond) + " ev/s", plain)
    let bad = snapshot.ingest.malformedLines
    var malformed: Segment? =
      bad > 0
      ? ("\(bad) malformed !", CellStyle(.warn, bold: true, reverse: true)) : ("0 malformed", plain)
    let over = snapshot.ingest.overSeriesLimitRecords
    var overLimit: Segment? =
      over > 0 ? ("\(over) over series limit !", CellStyle(.warn, bold: true, reverse: true)) : nil
    var window: Segment? = ("window " + PaneFormat.duration(ms: snapshot.windowMs), plain)
    var who = identity?(.full)
    var driver = controller?(false)
    func assembled() -> [Segment] {
      [clock, sources, driver, rate, malformed, overLimit, window, who].compactMap { $0 }
    }
    func fits() -> Bool {
      let parts = assembled()
      let total = parts.reduce(0) { $0 + DisplayWidth.of($1.text) } + 3 * (parts.count - 1)
      return total <= width
    }
    let reductions: [() -> Void] = [
      { if bad == 0 { malformed = nil } },
      { driver = controller?(true) },
      { who = identity?(.medium) },
      { window = nil },
      // The rate goes before the identity loses its "(db role)" / "(unauth.)": how the
      // name is vouched for matters more than a throughput figure (BREAKER-13: at 80
      // columns, with a controller segment, the header dropped it).
      { rate = nil },
      { who = identity?(.short) },
      { clock = shortClock },
      { clock = nil },
      { sources = sourcesSegment(compact: true) },
      { if sourcesHealthy { sources = nil } },
      // Last resort: whole segments go rather than be cut.
      { driver = nil },
      { who = nil },
      { sources = nil },
      { overLimit = nil },
      { malformed = nil },
    ]
    for reduce in reductions where !fits() { reduce() }
    return assembled()
  }

  /// One banner right of the segments, placed: its text from column `x`
  /// to `maxX` (exclusive), and where a click on it leads (`nil`: the mode).
  public typealias PlacedBanner = (target: HeaderTarget?, text: String, style: CellStyle, x: Int, maxX: Int)

  /// The mode and the banners left of it, right to left as ``draw(into:rect:snapshot:state:)``
  /// places them in a header of `width` columns from column `x`: mode,
  /// attention, delivery, routing, each whole (one that no longer fits is
  /// left out, so on a narrow read-only screen the routing banner goes
  /// first); `leftEdge` is the first column they take.
  public static func banners(snapshot: DashboardSnapshot?, state: AppState, x left: Int, width: Int)
    -> (banners: [PlacedBanner], leftEdge: Int)
  {
    let maxX = left + width
    let (mode, modeStyle) = mode(snapshot: snapshot, state: state)
    var edge = max(left, maxX - DisplayWidth.of(mode))
    var out: [PlacedBanner] = [(nil, mode, modeStyle, edge, maxX)]
    func place(_ target: HeaderTarget, _ segment: Segment) {
      // Whole or not at all: the routing banner (placed last) goes first.
      guard edge - DisplayWidth.of(segment.text) >= left else { return }
      let x = edge - DisplayWidth.of(segment.text)
      out.append((target, segment.text, segment.style, x, edge))
      edge = x
    }
    if let segment = attention(
      snapshot: snapshot, incidents: state.incidents, width: width, modeWidth: DisplayWidth.of(mode))
    {
      place(attentionTarget(snapshot: snapshot), segment)
    }
    if let segment = delivery(state.notificationDelivery, width: width, used: maxX - edge) {
      place(.delivery, segment)
    }
    if let segment = routing(state.routingStatus, width: width, used: maxX - edge) {
      place(.routing, segment)
    }
    return (out, edge)
  }

  /// Where the attention segment leads as a whole: the Alerts pane when it
  /// names pages, else the Incidents pane (``targets(snapshot:state:width:)``
  /// splits it when it names both).
  static func attentionTarget(snapshot: DashboardSnapshot?) -> HeaderTarget {
    (snapshot?.alerts ?? []).contains(where: isUnhandledPage) ? .alerts : .incidents
  }

  /// The clickable columns of a header `width` wide drawn at column 0 for
  /// `state` (``HeaderTarget``): the attention segment's pages part (up to
  /// its ` · `) leads to the Alerts pane and its incidents part to the
  /// Incidents pane; the routing and delivery segments lead to what they
  /// summarise. The mode and the segments left of the banners lead nowhere.
  public static func targets(snapshot: DashboardSnapshot?, state: AppState, width: Int)
    -> [(target: HeaderTarget, columns: Range<Int>)]
  {
    var out: [(target: HeaderTarget, columns: Range<Int>)] = []
    for banner in banners(snapshot: snapshot, state: state, x: 0, width: width).banners {
      guard let target = banner.target, banner.x < banner.maxX else { continue }
      if target == .alerts, let dot = banner.text.range(of: " · ") {
        // " PAGE X · INC-1 … ": the pages up to the dot, the incidents after it.
        let split = min(banner.maxX, banner.x + DisplayWidth.of(String(banner.text[..<dot.lowerBound])) + 2)
        out.append((.alerts, banner.x..<split))
        if split < banner.maxX { out.append((.incidents, split..<banner.maxX)) }
      } else {
        out.append((target, banner.x..<banner.maxX))
      }
    }
    return out
  }

  /// Draws the header into row `rect.y` of `canvas`: the mode (``mode(snapshot:state:)``)
  /// at the right edge, the attention segment (``attention(snapshot:incidents:width:modeWidth:)``)
  /// left of it, then ``segments(snapshot:width:)`` from the left in
  /// the columns left of those (one blank column before them). Every
  /// segment drawn is whole: ``segments(snapshot:width:identity:controller:)``
  /// shortens or drops them to fit the columns the banners leave.
  public static func draw(
    into canvas: inout Canvas, rect: Rect, snapshot: DashboardSnapshot?, state: AppState
  ) {
    guard !rect.isEmpty else { return }
    canvas.fill(Rect(x: rect.x, y: rect.y, width: rect.width, height: 1), style: CellStyle(.header))
    let placed = banners(snapshot: snapshot, state: state, x: rect.x, width: rect.width)
    for banner in placed.banners {
      // Only the delivery and routing texts are sanitised already; the
      // others (the mode with a replay label, alerts, incidents) are not.
      if banner.target == .routing || banner.target == .delivery {
        canvas.put(
          sanitized: banner.text, x: banner.x, y: rect.y, maxWidth: banner.maxX - banner.x,
          style: banner.style)
      } else {
        canvas.put(banner.text, x: banner.x, y: rect.y, maxWidth: banner.maxX - banner.x, style: banner.style)
      }
    }
    let modeX = placed.leftEdge
    var x = rect.x
    let limit = modeX - 1
    func segment(_ text: String, _ style: CellStyle, reserve: Int = 0, sanitized: Bool = false) {
      guard x < limit else { return }
      if x > rect.x {
        x += canvas.put(" │ ", x: x, y: rect.y, maxWidth: limit - x, style: CellStyle(.header))
      }
      guard x < limit else { return }
      let room = max(1, limit - x - reserve)
      x +=
        sanitized
        ? canvas.put(sanitized: text, x: x, y: rect.y, maxWidth: min(room, limit - x), style: style)
        : canvas.put(text, x: x, y: rect.y, maxWidth: min(room, limit - x), style: style)
    }
    guard let snapshot else {
      segment("FlightDeck", CellStyle(.header, bold: true))
      segment("waiting for the first snapshot", CellStyle(.header))
      return
    }
    let hasIdentity = identitySegment(state: state, form: .short) != nil
    let parts = segments(
      snapshot: snapshot, width: max(0, limit - rect.x),
      identity: hasIdentity ? { identitySegment(state: state, form: $0) } : nil,
      controller: state.controllerKnown ? { controllerSegment(state: state, compact: $0) } : nil)
    let controllerTexts = Set([true, false].compactMap { controllerText(state: state, compact: $0) })
    for (i, part) in parts.enumerated() {
      // Room kept for the segments after this one (each with its separator),
      // so that clipping falls on the earlier, lower-priority text.
      let reserve = parts[(i + 1)...].reduce(0) { $0 + 3 + DisplayWidth.of($1.text) }
      // The identity (last) and the controller segment are sanitised already.
      let sanitized = (hasIdentity && i == parts.count - 1) || controllerTexts.contains(part.text)
      segment(part.text, part.style, reserve: reserve, sanitized: sanitized)
    }
  }
}
