import FlightDeckCore

/// The overlay actions, each written once against the top of
/// ``AppState/overlays``: Esc closes the top layer, the scroll keys scroll
/// it, Enter opens the line under its cursor whole.
extension AppUpdate {
  /// Home / End scroll by this much: past any overlay's first or last row
  /// (every scroll clamps), without overflowing an `Int` offset.
  static let edgeRows = 1 << 40

  /// Closes the top overlay (Esc). A what-if proposal says it was dropped.
  static func closeTopOverlay(_ state: inout AppState) {
    guard let top = state.overlays.pop() else { return }
    if case .whatIf(let proposal) = top {
      setStatus(&state, "what-if on \(proposal.artefact) dropped: nothing changed", .info)
    }
  }

  /// Scrolls the top overlay by `delta` rows (negative: up), keeping its
  /// last page full; the incident view moves its timeline cursor instead.
  static func scrollTopOverlay(_ state: inout AppState, by delta: Int) {
    guard let top = state.overlays.top else { return }
    let (w, h) = (state.width, state.height)
    func clamp(_ offset: Int, count: Int, room: Int) -> Int {
      min(max(0, offset.addingReportingOverflow(delta).partialValue), max(0, count - room))
    }
    let layer: OverlayLayer
    switch top {
    case .help(let offset):
      let count = HelpOverlay.lines(state.keyMap).count
      let room = HelpOverlay.visibleRows(
        state.keyMap, width: w, height: h, identity: HeaderPane.identityDescription(state: state))
      layer = .help(offset: clamp(offset, count: count, room: room))
    case .history(var history):
      history.offset = clamp(
        history.offset, count: history.moves?.count ?? 0,
        room: HistoryOverlay.visibleRows(width: w, height: h))
      layer = .history(history)
    case .audit(var audit):
      audit.offset = clamp(
        audit.offset, count: audit.entries?.count ?? 0, room: AuditOverlay.visibleRows(width: w, height: h))
      layer = .audit(audit)
    case .verdict(var verdict):
      let rollout = state.registry?.artefact(verdict.artefact)?.displayedRollout
      verdict.offset = clamp(
        verdict.offset, count: rollout.map { VerdictOverlay.rows($0).count } ?? 0,
        room: VerdictOverlay.visibleRows(width: w, height: h))
      layer = .verdict(verdict)
    case .kpi(var kpi):
      kpi.offset = clamp(
        kpi.offset, count: kpi.report.map { KPIOverlay.lines($0).count } ?? 0,
        room: KPIOverlay.visibleRows(width: w, height: h))
      layer = .kpi(kpi)
    case .messages(var view):
      view.move(
        by: delta,
        spans: MessagesOverlay.spans(state.statusLog, width: MessagesOverlay.innerWidth(width: w, height: h)),
        room: MessagesOverlay.visibleRows(width: w, height: h), edge: edgeRows)
      layer = .messages(view)
    case .incident(var view):
      let count = IncidentView.visibleTimeline(view, now: state.snapshot?.now).count
      view.moveCursor(by: delta, count: count, room: IncidentView.timelineRows(width: w, height: h))
      layer = .incident(view)
    case .alert(var view):
      let count = AlertView.lines(
        fingerprint: view.fingerprint, alerts: state.snapshot?.alerts ?? [], incidents: state.incidents,
        width: DetailBlock.textWidth(canvasWidth: w)
      ).count
      view.offset = clamp(view.offset, count: count, room: DetailBlock.visibleRows(width: w, height: h))
      layer = .alert(view)
    case .ingestError(var view):
      let count = IngestErrorOverlay.lines(view.error, width: DetailBlock.textWidth(canvasWidth: w)).count
      view.offset = clamp(view.offset, count: count, room: DetailBlock.visibleRows(width: w, height: h))
      layer = .ingestError(view)
    case .text(var view):
      let count = TextView.lines(view, width: DetailBlock.textWidth(canvasWidth: w)).count
      view.offset = clamp(view.offset, count: count, room: DetailBlock.visibleRows(width: w, height: h))
      layer = .text(view)
    case .dialog, .whatIf:
      return
    }
    state.overlays.replaceTop(layer)
  }

  /// Enter in the incident view or the messages view: opens the timeline
  /// entry or the message under the cursor whole
  /// (``TextViewState``), on top of the view it came from.
  static func openEntry(_ state: inout AppState) {
    switch state.overlays.top {
    case .incident(let view):
      let entries = IncidentView.visibleTimeline(view, now: state.snapshot?.now)
      guard let cursor = view.resolvedCursor(count: entries.count) else {
        setStatus(&state, "no timeline entry to open", .warn)
        return
      }
      let e = entries[cursor]
      state.textView = TextViewState(
        title: "INC-\(view.id) timeline entry \(cursor + 1)/\(entries.count)",
        blocks: [
          .init("at:", e.at.rfc3339), .init("kind:", e.kind.rawValue), .init("actor:", e.actor),
          .init("text:", e.text.isEmpty ? "—" : e.text),
        ])
    case .messages(let view):
      guard !state.statusLog.isEmpty else {
        setStatus(&state, "no message to open", .warn)
        return
      }
      state.textView = messageView(
        state.statusLog, newest: min(max(0, view.cursor), state.statusLog.count - 1))
    default:
      return
    }
  }

  /// `L`: the status line's last message read whole, on top of what is open.
  static func showLastMessage(_ state: inout AppState) {
    guard !state.statusLog.isEmpty else {
      setStatus(&state, "no messages yet", .info)
      return
    }
    state.textView = messageView(state.statusLog, newest: 0)
  }

  /// The text view of message `n` of `log` counted from the newest (0).
  static func messageView(_ log: [StatusLogEntry], newest n: Int) -> TextViewState {
    let entry = log[log.count - 1 - n]
    return TextViewState(
      title: "Message \(n + 1) of \(log.count), newest first",
      blocks: [
        .init("at:", entry.at?.rfc3339 ?? "at start, before the dashboard knew the time"),
        .init("level:", MessagesOverlay.label(entry.level)),
        .init("text:", entry.text),
      ])
  }
}
