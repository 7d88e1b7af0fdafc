import FlightDeckCore
import FlightDeckTUI
import FlightDeckTestSupport
import Testing

/// The what-if keys of the Canary pane: `+`/`-` propose a weight, the panel
/// projects it from the snapshot's per-leg window totals (hand-built here,
/// figures worked out by hand), Enter confirms through the registry.
@Suite struct CanaryWhatIfTests {
  static func histogram(_ value: Double, count: Int) -> LatencyHistogram {
    var h = LatencyHistogram(digits: .two)
    for _ in 0..<count { h.record(milliseconds: value) }
    return h
  }

  /// support-agent over 100 s: stable v3 960 requests, 48 errors (5 %),
  /// 0.96 USD (0.001 per request), all at 100 ms; canary v4 40 requests,
  /// 4 errors (10 %), 0.08 USD (0.002 per request), all at 300 ms — so the
  /// window saw 40 / 1000 = 4.0 % canary, and the canary is under the 50
  /// requests a projection needs.
  static func snapshot() -> DashboardSnapshot {
    var s = DashboardFixture.snapshot()
    s.whatIf["support-agent"] = WhatIfInput(
      artefact: "support-agent",
      stable: WhatIfLeg(
        versions: ["v3"], requests: 960, errors: 48, timeouts: 0, costUSD: 0.96,
        latency: histogram(100, count: 960)),
      canary: WhatIfLeg(
        versions: ["v4"], requests: 40, errors: 4, timeouts: 0, costUSD: 0.08,
        latency: histogram(300, count: 40)),
      windowSeconds: 100)
    return s
  }

  static func state(rollout: RolloutRecord? = nil, readOnly: Bool = false) -> AppState {
    var s = AppState(readOnly: readOnly)
    _ = AppUpdate.update(&s, .newSnapshot(snapshot()))
    var registry = RegistryFixture.registry()
    if let i = registry.artefacts.firstIndex(where: { $0.artefact.name == "support-agent" }) {
      registry.artefacts[i].rollout = rollout
    }
    _ = AppUpdate.update(&s, .registrySnapshot(registry))
    s.focus = .canary
    return s
  }

  @Test func plusProjectsTheProposedSplitAt80x24() {
    var s = Self.state()
    // The registry's weight is 10 %; four `+` make 30 %, one `-` 25, one `+` 30.
    for key: Key in [.char("+"), .char("+"), .char("="), .char("+"), .char("-"), .char("+")] {
      _ = AppUpdate.update(&s, .key(key))
    }
    #expect(s.whatIf?.currentWeight == 10 && s.whatIf?.proposedWeight == 30)
    #expect(s.overlay == .whatIf)
    let canvas = ScreenView.view(state: s)
    let rows = canvas.textRows()
    let text = rows.map { $0.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ") }
    #expect(
      text.contains { $0.contains("What-if: support-agent canary 10 % → 30 % (Enter sets · Esc cancels)") })
    #expect(text.contains { $0.contains("│ now (4.0 %) proposed 30 % n stable/canary") })
    // 1000 requests / 100 s = 10 req/s: stable 0.96 · 10 = 9.6 → 0.70 · 10 = 7.0;
    // canary 0.04 · 10 = 0.4 → 0.30 · 10 = 3.0.
    #expect(text.contains { $0.contains("│ req/s stable 9.6 7.0 960") })
    #expect(text.contains { $0.contains("│ req/s canary 0.4 3.0 40") })
    // p95: at 4 % canary the 95th percentile is in the stable mass (100 ms);
    // at 30 % the top 30 % is canary (300 ms).
    #expect(text.contains { $0.contains("│ p95 100 ms 300 ms 960/40") })
    // 0.96 · 5 % + 0.04 · 10 % = 5.2 %; 0.70 · 5 % + 0.30 · 10 % = 6.5 %.
    #expect(text.contains { $0.contains("│ err % 5.2% 6.5% 960/40") })
    // (0.96 · 0.001 + 0.04 · 0.002) · 10 req/s · 3600 = 37.44 USD/h;
    // (0.70 · 0.001 + 0.30 · 0.002) · 36 000 = 46.80 USD/h.
    #expect(text.contains { $0.contains("│ cost/h $37.44/h $46.80/h 960/40") })
    #expect(
      text.contains { $0.contains("canary: 40 requests in the window (min 50): projection unreliable") })
    let warn = rows.firstIndex { $0.contains("projection unreliable") } ?? 0
    #expect(canvas[4, warn].style.role == .warn)
    CanvasSnapshot.assertMatches(canvas, named: "canary-whatif-80x24", includeStyles: true)
  }

  @Test func enterConfirmsThroughTheRegistryAndEscCancels() {
    var s = Self.state()
    for _ in 0..<4 { _ = AppUpdate.update(&s, .key(.char("+"))) }
    #expect(AppUpdate.update(&s, .key(.enter)).isEmpty)
    #expect(s.dialog?.kind == .setCanaryWeight && s.dialog?.proposedWeight == 30)
    #expect(s.dialog?.projection.first == "p95 100 ms → 300 ms (n 960/40)")
    let frame = ScreenView.view(state: s).textRows().joined()
    #expect(frame.contains("support-agent canary weight: 10 % → 30 %"))
    // Submitting sends the registry command and drops the proposal.
    let effects = AppUpdate.update(&s, .key(.enter))
    #expect(
      effects == [
        .registry(
          .setCanaryWeight(
            artefact: "support-agent", percent: 30, reason: "what-if from the dashboard: canary weight → 30%")
        )
      ])
    #expect(s.whatIf == nil && s.dialog == nil)
    // Esc drops a proposal without sending anything.
    _ = AppUpdate.update(&s, .key(.char("-")))
    #expect(s.whatIf?.proposedWeight == 5)
    #expect(AppUpdate.update(&s, .key(.escape)).isEmpty)
    #expect(s.whatIf == nil && s.overlay == nil)
  }

  @Test func refusedWhileARolloutRunsAndConfirmGoneInReadOnly() throws {
    var s = Self.state(rollout: try RolloutKeysTests.rollout())
    _ = AppUpdate.update(&s, .key(.char("+")))
    #expect(s.whatIf == nil)
    #expect(
      s.statusMessage
        == "support-agent RO-1 is paused: the rollout sets the canary weight (promote or abort it first)")
    // Read-only: projecting works, setting does not (and says so).
    var r = Self.state(readOnly: true)
    _ = AppUpdate.update(&r, .key(.char("+")))
    #expect(r.whatIf?.proposedWeight == 15)
    #expect(AppUpdate.update(&r, .key(.enter)).isEmpty)
    #expect(r.dialog == nil)
    #expect(r.statusMessage == "read-only: canary weight change disabled")
  }
}
