import FlightDeckCore

/// A registry dialog drawn over the screen: what will happen (artefact,
/// versions, the request), the text fields (the focused one with a `▏`
/// cursor, required ones marked `*`), and why the last submit was refused
/// (wrapped, ``wrappedProblem(_:width:)``).
///
/// The rollout dialogs (`}` promote in full, `X` abort) name the artefact,
/// the canary version and the rollout's state.
///
/// The rollback dialog names the artefact and both versions:
/// `support-agent production: v13 → v12` (or `→ previous production
/// version` while the pointer history is loading or has none).
/// Every registry string goes through ``Canvas/put(_:x:y:maxWidth:style:ellipsis:)``
/// and so through ``Sanitizer``.
public enum DialogOverlay {
  /// The lines above the fields: text and style.
  public static func contextLines(_ d: RegistryDialog) -> [(String, CellStyle)] {
    switch d.kind {
    case .promote:
      let target = (try? PointerName(d.text(of: "target"))) ?? .production
      let now = d.seenPointers[target] ?? "none"
      return [
        ("\(d.artefact) \(d.version) → \(target)", CellStyle(.text, bold: true)),
        ("\(target) is now \(now); approvals follow the artefact's risk tier", CellStyle(.dim)),
      ]
    case .approve, .reject:
      return [
        (d.requestSummary ?? "REQ-\(d.requestID ?? 0)", CellStyle(.text, bold: true)),
        (
          d.kind == .approve
            ? "your approval counts once; the requester cannot approve (four-eyes)"
            : "rejecting closes the request", CellStyle(.dim)
        ),
      ]
    case .rollback:
      let target = d.rollbackTarget ?? "previous production version"
      return [
        (
          "\(d.artefact) production: \(d.seenProduction ?? "none") → \(target)",
          CellStyle(.critical, bold: true)
        ),
        (
          "fast-track: no approvals; canary weight → 0%; audited"
            + (d.incidentID.map { "; goes on INC-\($0)'s timeline" } ?? ""), CellStyle(.dim)
        ),
      ]
    case .promoteRolloutFull:
      return [
        ("\(d.artefact) \(d.version): promote in full → production", CellStyle(.warn, bold: true)),
        (d.rolloutSummary ?? "", CellStyle(.text)),
        (
          "skips the remaining steps; asks for production (gates, approvals): 100 % once it moves; audited",
          CellStyle(.dim)
        ),
      ]
    case .setCanaryWeight:
      let from = d.seenWeight.map { "\($0) %" } ?? "?"
      let to = d.proposedWeight.map { "\($0) %" } ?? "?"
      return [("\(d.artefact) canary weight: \(from) → \(to)", CellStyle(.warn, bold: true))]
        + d.projection.map { ($0, CellStyle(.text)) }
        + [("takes effect at once; audited (reason optional)", CellStyle(.dim))]
    case .openIncident:
      return [
        ("on " + (d.subject ?? "the selection"), CellStyle(.text, bold: true)),
        ("severity: ←/→ or type 1–4 (SEV1 most severe) · opened by hand · audited", CellStyle(.dim)),
      ]
    case .silence:
      return [
        ("silence " + (d.subject ?? "alerts"), CellStyle(.warn, bold: true)),
        ("matchers name=\"value\" (=, !=, =~, !~) · starts now · audited", CellStyle(.dim)),
      ]
    case .assignIncident, .noteIncident, .mitigateIncident, .resolveIncident, .incidentSeverity:
      let explanation: String
      switch d.kind {
      case .assignIncident:
        explanation = "the incident commander leads the response; leave empty to take it yourself; audited"
      case .noteIncident: explanation = "the note goes on the incident's timeline; audited"
      case .mitigateIncident: explanation = "impact stopped, cause not yet fixed; TTM is kept; audited"
      case .resolveIncident: explanation = "closes the incident; TTR is kept; write the retro next; audited"
      default: explanation = "severity: ←/→ or type 1–4 (SEV1 most severe); audited"
      }
      return [
        (d.subject ?? "INC-\(d.incidentID ?? 0)", CellStyle(.text, bold: true)),
        (explanation, CellStyle(.dim)),
      ]
    case .abortRollout:
      return [
        ("\(d.artefact) \(d.version): abort the rollout", CellStyle(.critical, bold: true)),
        (d.rolloutSummary ?? "", CellStyle(.text)),
        ("canary weight → 0%; \(d.version) marked rolled back; audited", CellStyle(.dim)),
      ]
    case .promoteRolloutStep:
      return [
        ("\(d.artefact) \(d.version): go to the next step now", CellStyle(.warn, bold: true)),
        (d.rolloutSummary ?? "", CellStyle(.text)),
        ("the current step's pause and analysis are skipped; audited with your reason", CellStyle(.dim)),
      ]
    case .retryRollout:
      return [
        ("\(d.artefact) \(d.version): retry the rollout", CellStyle(.warn, bold: true)),
        (d.rolloutSummary ?? "", CellStyle(.text)),
        (
          "an aborted rollout starts again from its first step, an inconclusive analysis runs again; "
            + "audited with your reason", CellStyle(.dim)
        ),
      ]
    }
  }

  /// Width of the dialog box when the screen allows it, in columns.
  public static let boxWidth = 76

  /// The context lines word-wrapped to `width` columns (a long word cut), so
  /// a consequence at a line's end (`…; audited`) is never clipped away.
  public static func wrappedContext(_ d: RegistryDialog, width: Int) -> [(String, CellStyle)] {
    contextLines(d).flatMap { text, style in
      WordWrap.lines(Sanitizer.sanitize(text), width: max(1, width), breakingLongWords: true).map {
        ($0, style)
      }
    }
  }

  /// Why the last submit was refused (``RegistryDialog/problem``), sanitised
  /// and word-wrapped to `width` columns (a long word cut), so that a long
  /// reason from the store reads whole; `[]` without one.
  public static func wrappedProblem(_ d: RegistryDialog, width: Int) -> [String] {
    guard let problem = d.problem else { return [] }
    return WordWrap.lines(Sanitizer.sanitize(problem), width: max(1, width), breakingLongWords: true)
  }

  /// Draws `dialog` centred in `area` with a clear border (flush with
  /// `area`'s sides when only a sliver of panes would show beside it).
  public static func draw(into canvas: inout Canvas, area: Rect, dialog: RegistryDialog, symbols: Symbols) {
    let width = OverlayFrame.centred(width: boxWidth, height: 1, in: area).width
    let context = wrappedContext(dialog, width: width - 4)
    let problem = wrappedProblem(dialog, width: width - 4)
    let height = context.count + 1 + dialog.fields.count + max(1, problem.count) + 2 + 1
    let box = OverlayFrame.centred(width: boxWidth, height: height, in: area)
    guard box.width >= 10, box.height >= 4 else { return }
    canvas.fill(OverlayFrame.clearing(box, in: area), style: CellStyle(.text))
    let inner = canvas.drawBox(box, title: dialog.title, focused: true, symbols: symbols)
    guard !inner.isEmpty else { return }
    var y = inner.y
    func line(_ text: String, _ style: CellStyle, sanitized: Bool = false) {
      guard y < inner.maxY else { return }
      if sanitized {
        canvas.put(sanitized: text, x: inner.x + 1, y: y, maxWidth: inner.width - 2, style: style)
      } else {
        canvas.put(text, x: inner.x + 1, y: y, maxWidth: inner.width - 2, style: style)
      }
      y += 1
    }
    for (text, style) in context { line(text, style, sanitized: true) }
    y += 1
    let labelWidth = (dialog.fields.map { DisplayWidth.of($0.label) }.max() ?? 0) + 2
    for (i, field) in dialog.fields.enumerated() where y < inner.maxY {
      let focused = i == dialog.focusedField
      let label = field.label + (field.required ? "*" : "") + ":"
      canvas.put(
        label, x: inner.x + 1, y: y, maxWidth: labelWidth + 1,
        style: CellStyle(focused ? .title : .dim, bold: focused))
      let x = inner.x + 2 + labelWidth
      let room = inner.maxX - 1 - x
      // Sanitised once: a field prefilled at the edge (already display-safe)
      // is shown as it is, so `\x1b` does not become `\\x1b`.
      let text = Sanitizer.isDisplaySafe(field.text) ? field.text : Sanitizer.sanitize(field.text)
      let shown = OverlayFrame.tail(text, width: max(0, room - 1)) + (focused ? "▏" : "")
      canvas.put(sanitized: shown, x: x, y: y, maxWidth: room, style: CellStyle(.text, underline: true))
      y += 1
    }
    if problem.isEmpty { y += 1 }
    for text in problem { line(text, CellStyle(.critical, bold: true), sanitized: true) }
    line("Enter submit · Esc cancel · Tab next field", CellStyle(.dim))
  }
}
