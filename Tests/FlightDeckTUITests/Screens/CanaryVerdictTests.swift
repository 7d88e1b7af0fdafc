import FlightDeckCore
import FlightDeckTUI
import FlightDeckTestSupport
import Foundation
import Testing

/// Why an analysis failed, on screen: the aborted rollout stays on the
/// Canary pane's rollout line with the failing metric, and Enter opens the
/// verdict drill-down (every figure below is the hand-built verdict's own,
/// formatted by hand in the comments).
@Suite struct CanaryVerdictTests {
  static let t0 = RegistryFixture.t0

  /// A hand-built verdict on support-agent v4 vs v3: error rate (critical)
  /// 6/1000 → 61/1000 fails high; p95 latency 640 → 700 ms passes; mean score
  /// on 10/12 samples is nodata.
  static func verdict() -> CanaryVerdict {
    CanaryVerdict(
      outcome: .fail, score: 40, groups: [],
      metrics: [
        MetricResult(
          name: "error rate", group: "errors", critical: true, baselineCount: 1000, canaryCount: 1000,
          baselineValue: 0.006, canaryValue: 0.061, absoluteEffect: 0.055, relativeEffect: 0.055 / 0.006,
          shift: nil, pValue: 3e-9, test: "two-proportion z", classification: .high,
          reason: "error rate +5.5 pp", direction: .higherIsWorse, kind: .rate, series: "errors"),
        MetricResult(
          name: "p95 latency", group: "latency", critical: false, baselineCount: 1000, canaryCount: 1000,
          baselineValue: 640, canaryValue: 700, absoluteEffect: 60, relativeEffect: 60.0 / 640,
          shift: HodgesLehmannEstimate(shift: 55, lower: 40, upper: 70, confidence: 0.95), pValue: 0.21,
          test: "Mann-Whitney asymptotic", classification: .pass, reason: "p95 latency +9.4 %",
          direction: .higherIsWorse, kind: .continuous(.p95), series: "latency_ms"),
        MetricResult(
          name: "mean score", group: "quality", critical: false, baselineCount: 10, canaryCount: 12,
          baselineValue: 0.8, canaryValue: 0.7, absoluteEffect: -0.1, relativeEffect: -0.125, shift: nil,
          pValue: nil, test: "none", classification: .nodata, reason: "mean score nodata",
          direction: .lowerIsWorse, kind: .continuous(.mean), series: "score"),
      ],
      summary: "fail: critical metric error rate failed", baselineVersion: "v3", canaryVersion: "v4",
      passScore: 90, marginalScore: 75)
  }

  /// RO-1: weight 10 %, then an analysis of one measurement, which fails →
  /// aborted at t0 + 60 s (weight back to 0).
  static func abortedRollout() throws -> RolloutRecord {
    let plan = try RolloutPlan(
      artefact: "support-agent", canaryVersion: "v4",
      steps: [.setWeight(percent: 10), .analysis(intervalMs: 60_000, policy: AnalysisPolicy(count: 1))])
    var (state, _) = RolloutState.start(plan, at: t0)
    let due = t0.adding(milliseconds: 60_000)
    #expect(try state.handle(.tick, at: due) == [.measure])
    _ = try state.handle(.measurement(.fail, verdict: verdict()), at: due)
    #expect(state.phase == .aborted && state.canaryWeight == 0)
    return RolloutRecord(
      id: 1, artefact: "support-agent", plan: plan, state: state, startedAt: t0, startedBy: "alice",
      updatedAt: due)
  }

  /// The Canary pane focused on support-agent, whose rollout is finished:
  /// the registry carries it as the latest rollout only, as the store does.
  static func state(width: Int = 80, height: Int = 24) throws -> AppState {
    var s = AppState(width: width, height: height)
    _ = AppUpdate.update(&s, .newSnapshot(DashboardFixture.snapshot()))
    var registry = RegistryFixture.registry()
    let i = try #require(registry.artefacts.firstIndex { $0.artefact.name == "support-agent" })
    registry.artefacts[i].latestRollout = try abortedRollout()
    _ = AppUpdate.update(&s, .registrySnapshot(registry))
    s.focus = .canary
    return s
  }

  @Test func abortedRolloutLineNamesTheFailingMetric() throws {
    let state = try Self.state()
    var canvas = Canvas(width: 80, height: 24)
    CanaryPane.draw(
      into: &canvas, rect: canvas.area, snapshot: state.snapshot, state: state, symbols: .braille)
    // "rollout " + "RO-1 v4: " + "aborted" + " at 10 % — " (the weight the
    // measurement was taken at) + "error rate 0.6% → 6.1%, p=3e-09" (6/1000,
    // 61/1000) + " · analysis failed: …", clipped at 76 cells.
    let line = canvas.textRows()[2]
    #expect(line.hasPrefix("│  rollout RO-1 v4: aborted at 10 % — error rate 0.6% → 6.1%, p=3e-09 · anal"))
    #expect(canvas[20, 2].style == CellStyle(.critical, bold: true))
  }

  @Test func enterOpensTheVerdictAt80x24AndEscClosesIt() throws {
    var state = try Self.state()
    _ = AppUpdate.update(&state, .key(.enter))
    #expect(state.verdict == VerdictOverlayState(artefact: "support-agent"))
    #expect(state.overlay == .verdict)
    let canvas = ScreenView.view(state: state)
    let rows = canvas.textRows()
    // Frame x 0…79 (flush: no pane shows at the edges), inner x 1…78, text from x 2.
    #expect(rows[1].contains("Verdict: support-agent (Esc closes)"))
    // The rollout line is 110 columns: wrapped at a space into the 77 the box
    // holds (issue 16: it was cut with "…" while rows were free below).
    #expect(rows[2] == "│ RO-1 v4 aborted · step 2/2 at 0 % · analysis failed: 1 failed > failureLimit │")
    #expect(rows[3] == "│ 0; 0 passed, 1 failed, 0 inconclusive, 0 errors of 1                         │")
    // Taken at t0 + 60 s = 1_748_700_060_000 ms = 2025-05-31 14:01:00 UTC.
    #expect(
      rows[4].contains("│ last measurement fail at step 2, weight 10 %, 2025-05-31 14:01:00 UTC        │"))
    #expect(rows[5].contains("│ verdict fail: score 40 (pass ≥ 90, marginal ≥ 75) · v4 vs baseline v3"))
    #expect(rows[6].contains("│ fail: critical metric error rate failed (* critical metric)"))
    let text = rows.map { $0.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ") }
    // error rate: 0.6 % → 6.1 %, effect 6.1 − 0.6 = +5.5 pp, p 3e-09.
    #expect(text.contains { $0.contains("│ * error rate ↑ 1000 1000 0.6% 6.1% +5.5pp 3e-09 high │") })
    // p95: 640 ms → 700 ms, its own change 60 / 640 = +9.375 % → "+9.38%"
    // (not the Hodges-Lehmann shift of +55 ms, the same for every quantile), p 0.21.
    #expect(text.contains { $0.contains("│ p95 latency ↑ 1000 1000 640 ms 700 ms +9.38% 0.21 pass │") })
    // mean score: 0.8 → 0.7: −0.1 / 0.8 = −12.5 %; no test.
    #expect(text.contains { $0.contains("│ mean score ↓ 10 12 0.8 0.7 -12.5% — nodata│") })
    // The failing row is in the critical style, the passing one is not.
    let errorRow = try #require(rows.firstIndex { $0.contains("* error rate") })
    let x = try #require(rows[errorRow].distance(of: "* error rate"))
    #expect(canvas[x, errorRow].style == CellStyle(.critical, bold: true))
    CanvasSnapshot.assertMatches(canvas, named: "canary-verdict-80x24", includeStyles: true)
    _ = AppUpdate.update(&state, .key(.escape))
    #expect(state.verdict == nil && state.overlay == nil)
  }

  @Test func enterWithoutARolloutDrillsIntoTheVersions() {
    var s = AppState()
    _ = AppUpdate.update(&s, .newSnapshot(DashboardFixture.snapshot()))
    _ = AppUpdate.update(&s, .registrySnapshot(RegistryFixture.registry()))
    s.focus = .canary
    _ = AppUpdate.update(&s, .key(.enter))
    #expect(s.verdict == nil && s.drillDown == "support-agent")
  }

  @Test func eachQuantileShowsItsOwnChange() {
    // One latency sample pair judged at p50, p95 and p99 shares one
    // Hodges-Lehmann shift (+5 ms); each quantile's own change differs:
    // p50 100 → 105 (+5 %), p95 200 → 300 (+50 %), p99 400 → 1000 (+150 %).
    let shift = HodgesLehmannEstimate(shift: 5, lower: 2, upper: 8, confidence: 0.95)
    func quantile(_ s: MetricStatistic, _ b: Double, _ c: Double) -> MetricResult {
      MetricResult(
        name: "\(s.rawValue) latency", group: "latency", critical: false, baselineCount: 500,
        canaryCount: 500, baselineValue: b, canaryValue: c, absoluteEffect: c - b,
        relativeEffect: (c - b) / b, shift: shift, pValue: 0.01, test: "Mann-Whitney asymptotic",
        classification: .pass, reason: "", direction: .higherIsWorse, kind: .continuous(s),
        series: "latency_ms")
    }
    #expect(VerdictFormat.effect(quantile(.p50, 100, 105)) == "+5%")
    #expect(VerdictFormat.effect(quantile(.p95, 200, 300)) == "+50%")
    #expect(VerdictFormat.effect(quantile(.p99, 400, 1000)) == "+150%")
    // A zero baseline has no relative change: the difference in ms.
    #expect(VerdictFormat.effect(quantile(.p50, 0, 12)) == "+12 ms")
  }

  @Test func rolloutStatusTextCarriesTheVerdictThroughCodable() throws {
    // The verdict as the store keeps it (JSON) reads back whole.
    let r = try Self.abortedRollout()
    let back = try JSONDecoder().decode(RolloutState.self, from: try JSONEncoder().encode(r.state))
    #expect(back.lastVerdict?.verdict == Self.verdict())
  }
}

extension String {
  /// The display column of `needle`'s first occurrence (one cell per
  /// character: the rows compared are ASCII and box-drawing only before it).
  func distance(of needle: String) -> Int? {
    guard let range = range(of: needle) else { return nil }
    return self.distance(from: startIndex, to: range.lowerBound)
  }
}
