import FlightDeckCore

/// The header's notification delivery segment: shown only while delivery is
/// in trouble (``FlightDeckCore/NotificationDeliveryTrouble/isTrouble``), left
/// of the attention segment and never dropped, because a dead letter is a
/// page nobody received.
///
/// | outbox as last read        | full                                                   | compact           |
/// |----------------------------|--------------------------------------------------------|-------------------|
/// | 2 dead, 1 failed (N-7 newest) | `notify: 2 dead, 1 retrying (N-7 hook: HTTP 500)`   | `NOTIFY 2 dead 1 retry` |
/// | 1 failed                   | `notify: 1 retrying (N-3 pager: HTTP 429)`             | `NOTIFY 1 retry`  |
///
/// Dead letters draw it in critical reverse video, retries alone in warn
/// reverse video. The error comes from the store (a receiver's name and
/// answer): sanitised (``Sanitizer/sanitize(_:)``) and cut to
/// ``deliveryErrorWidth`` columns. `flightdeck notifications list` shows
/// every entry, `flightdeck notifications retry ID` sends a dead one again.
extension HeaderPane {
  /// The most columns of the newest entry's error in the full form.
  public static let deliveryErrorWidth = 32

  /// The delivery segment's text in the full or compact form, or `nil` when
  /// delivery is not in trouble (or was never read).
  public static func deliveryText(_ trouble: NotificationDeliveryTrouble?, compact: Bool) -> String? {
    guard let trouble, trouble.isTrouble else { return nil }
    if compact {
      var parts = ["NOTIFY"]
      if trouble.dead > 0 { parts.append("\(trouble.dead) dead") }
      if trouble.retrying > 0 { parts.append("\(trouble.retrying) retry") }
      return parts.joined(separator: " ")
    }
    var counts: [String] = []
    if trouble.dead > 0 { counts.append("\(trouble.dead) dead") }
    if trouble.retrying > 0 { counts.append("\(trouble.retrying) retrying") }
    var text = "notify: " + counts.joined(separator: ", ")
    if let newest = trouble.newest {
      let error = newest.lastError.map {
        " " + TextClip.clip(Sanitizer.sanitize($0), maxWidth: deliveryErrorWidth, ellipsis: "…")
      }
      text += " (\(newest.displayID)\(error ?? ""))"
    }
    return text
  }

  /// The delivery segment (padded by one space each side) for a header of
  /// `width` columns with `used` columns already taken at its right (mode,
  /// attention): the full form when it leaves 20 columns for the other
  /// segments, else the compact one; `nil` when delivery is not in trouble.
  public static func delivery(_ trouble: NotificationDeliveryTrouble?, width: Int, used: Int) -> Segment? {
    guard let trouble, let full = deliveryText(trouble, compact: false) else { return nil }
    let style =
      trouble.dead > 0
      ? CellStyle(.critical, bold: true, reverse: true) : CellStyle(.warn, bold: true, reverse: true)
    if DisplayWidth.of(full) + 2 + used + 1 + 20 <= width { return (" " + full + " ", style) }
    return (" " + (deliveryText(trouble, compact: true) ?? full) + " ", style)
  }
}
