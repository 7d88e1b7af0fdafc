import FlightDeckCore
import FlightDeckTUI
import Testing

/// Text that was cut while room was left (issue 16): the Alerts pane's SLO
/// lines, a dialog's refusal, the KPI view's unknown costs.
@Suite struct PolishWrapTests {
  /// The incident fixture's SLO: `support-agent availability 99.5 %: budget
  /// 72 % left, burn 1h 3.2× 6h 0.8× 3d -` (77 columns).
  var slo: SLOStatus { IncidentFixture.snapshot().slos[0] }

  @Test func sloLinesWrapInsteadOfBeingCut() {
    #expect(
      AlertsPane.sloLine(slo)
        == "support-agent availability 99.5 %: budget 72 % left, burn 1h 3.2× 6h 0.8× 3d -")
    // 78 columns (80×24): one line.
    #expect(AlertsPane.sloLines([slo], width: 78).map(\.0) == [AlertsPane.sloLine(slo)])
    // 52 columns (a 54-wide pane at 200×50): two, the second indented by two.
    #expect(
      AlertsPane.sloLines([slo], width: 52).map(\.0) == [
        "support-agent availability 99.5 %: budget 72 % left,", "  burn 1h 3.2× 6h 0.8× 3d -",
      ])
    // The wanted rows count the wrapped lines.
    let snapshot = IncidentFixture.snapshot()
    let rows = AlertsPane.wantedRows(snapshot, filter: "") ?? 0
    #expect(AlertsPane.wantedRows(snapshot, filter: "", width: 52) == rows + 1)
  }

  @Test func onlyWholeSLOsShowWhenRowsAreShort() {
    // Three SLOs of two lines each at 52 columns; 7 inner rows leave 5 after
    // the alerts' two: two SLOs whole (4 lines), not the third's first line.
    let inner = Rect(x: 1, y: 1, width: 52, height: 7)
    let shown = AlertsPane.shownSLOLines([slo, slo, slo], inner: inner).map(\.0)
    #expect(shown.count == 4)
    #expect(shown.last == "  burn 1h 3.2× 6h 0.8× 3d -")
    // Not even one whole: as much of the first as fits.
    let tiny = Rect(x: 1, y: 1, width: 52, height: 3)
    #expect(
      AlertsPane.shownSLOLines([slo], inner: tiny).map(\.0) == [
        "support-agent availability 99.5 %: budget 72 % left,"
      ])
  }

  @Test func aLongRefusalWrapsInTheDialog() {
    var dialog = RegistryDialog(
      kind: .silence, artefact: "support-agent", version: "",
      fields: [.init(label: "matchers", text: "x", required: true)])
    let problem =
      "permission denied for table silence: the role flightdeck_viewer may read but not write; "
      + "ask an operator with the responder role"
    dialog.problem = problem
    // At 80 columns the box is flush (80 wide): 76 columns of text.
    let wrapped = DialogOverlay.wrappedProblem(dialog, width: 76)
    #expect(wrapped.count == 2)
    #expect(wrapped.joined(separator: " ") == problem)
    var canvas = Canvas(width: 80, height: 24)
    DialogOverlay.draw(into: &canvas, area: canvas.area, dialog: dialog, symbols: .braille)
    let text = canvas.textRows().joined(separator: "\n")
    #expect(text.contains(wrapped[0]))
    #expect(text.contains(wrapped[1]))
    #expect(text.contains("Enter submit · Esc cancel · Tab next field"))
  }

  @Test func unknownCostsReadNotApplicable() {
    var none = KPIArtefactCost(artefact: "support-bot")
    none.requests = 0
    var priced = KPIArtefactCost(artefact: "rag-answer")
    priced.requests = 4
    priced.add(costUSD: 0.002)
    var report = IncidentFixture.report()
    report.costByArtefact = [none, priced]
    let lines = KPIOverlay.lines(report).map(\.0)
    let bot = lines.first { $0.contains("cost support-bot") } ?? ""
    #expect(bot.hasSuffix("n/a  n/a  (n=0)"))
    #expect(!bot.contains("n/a/"))
    // 0.002 / 4 = $0.000500 per request; no tokens: n/a per 1k tokens.
    let rag = lines.first { $0.contains("cost rag-answer") } ?? ""
    #expect(rag.hasSuffix("$0.000500/request  n/a  (n=4)"))
  }
}
