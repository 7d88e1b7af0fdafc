import FlightDeckCore

/// The header's routing segment: shown only while a routing target is not
/// in sync (out of date, drifted or failing, as last read:
/// ``AppState/routingStatus``), left of the delivery segment, because a
/// decision that has not reached the router is not in force.
///
/// | targets as last read                  | full                                                        | compact            |
/// |---------------------------------------|-------------------------------------------------------------|--------------------|
/// | gateway drifted                       | `routing: 1 drifted (gateway: support-bot v12: the file…)`  | `ROUTE 1 drift`    |
/// | flags out of date, gateway failing    | `routing: 1 failing, 1 out of date (gateway: …)`            | `ROUTE 1 fail 1 late` |
///
/// Drifted or failing targets draw it in critical reverse video, out of
/// date alone in warn reverse video. The detail named is the first drifted,
/// then failing, then out-of-date target's (from the store: sanitised
/// and cut to ``routingDetailWidth`` columns). `flightdeck routing status`
/// lists every target.
extension HeaderPane {
  /// The most columns of a target's detail in the full form.
  public static let routingDetailWidth = 32

  /// The targets not in sync, worst first (drifted, failing, out of date), in configuration order within each.
  static func routingTrouble(_ lines: [RoutingStatus]) -> [RoutingStatus] {
    let order: [RoutingTargetCondition] = [.drifted, .failing, .outOfDate]
    return order.flatMap { c in lines.filter { $0.condition == c } }
  }

  /// The routing segment's text in the full or compact form, or `nil` when
  /// every target is in sync (or none was read).
  public static func routingText(_ lines: [RoutingStatus]?, compact: Bool) -> String? {
    guard let lines else { return nil }
    let trouble = routingTrouble(lines)
    guard let first = trouble.first else { return nil }
    let counts: [(RoutingTargetCondition, String, String)] = [
      (.drifted, "drifted", "drift"), (.failing, "failing", "fail"), (.outOfDate, "out of date", "late"),
    ]
    var parts: [String] = []
    for (condition, long, short) in counts {
      let n = lines.filter { $0.condition == condition }.count
      if n > 0 { parts.append(compact ? "\(n) \(short)" : "\(n) \(long)") }
    }
    if compact { return (["ROUTE"] + parts).joined(separator: " ") }
    var text = "routing: " + parts.joined(separator: ", ")
    let detail = first.detail.map {
      ": " + TextClip.clip(Sanitizer.sanitize($0), maxWidth: routingDetailWidth, ellipsis: "…")
    }
    text += " (\(Sanitizer.sanitize(first.target.name))\(detail ?? ""))"
    return text
  }

  /// The routing segment (padded by one space each side) for a header of
  /// `width` columns with `used` columns already taken at its right: the
  /// full form when it leaves 20 columns for the other segments, else the
  /// compact one; `nil` when every target is in sync.
  public static func routing(_ lines: [RoutingStatus]?, width: Int, used: Int) -> Segment? {
    guard let lines, let full = routingText(lines, compact: false) else { return nil }
    let bad = lines.contains { $0.condition == .drifted || $0.condition == .failing }
    let style =
      bad ? CellStyle(.critical, bold: true, reverse: true) : CellStyle(.warn, bold: true, reverse: true)
    if DisplayWidth.of(full) + 2 + used + 1 + 20 <= width { return (" " + full + " ", style) }
    return (" " + (routingText(lines, compact: true) ?? full) + " ", style)
  }
}
