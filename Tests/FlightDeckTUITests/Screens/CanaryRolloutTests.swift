import FlightDeckCore
import FlightDeckTUI
import FlightDeckTestSupport
import Testing

/// The Canary pane's rollout line: `rollout RO-1 v4: paused step 2/4 at 10 %
/// — <message>` under the artefact's name, phase styled, sanitised and
/// clipped (rollouts from ``RolloutKeysTests/rollout(humanPaused:abortedWith:)``).
@Suite struct CanaryRolloutTests {
  func draw(_ rollout: RolloutRecord?, width: Int, height: Int) -> Canvas {
    let state = RolloutKeysTests.state(rollout: rollout)
    var canvas = Canvas(width: width, height: height)
    CanaryPane.draw(
      into: &canvas, rect: canvas.area, snapshot: state.snapshot, state: state, symbols: .braille)
    return canvas
  }

  @Test func rolloutLineUnderTheName80x24() throws {
    let canvas = draw(try RolloutKeysTests.rollout(), width: 80, height: 24)
    let rows = canvas.textRows()
    #expect(rows[1].hasPrefix("│> support-agent  shadow v5 mirrors 50.0%"))
    // Inner width 78, line from x 3 to 78 (76 cells): the line "rollout " (8)
    // + "RO-1 v4: " (9) + "paused" (6) + " step 2/4 at 10 % — " (20) + "waiting
    // for a human to promote" (30; the message's "at 10 %, " is not said twice)
    // = 73 cells, whole, then 3 blank cells.
    #expect(rows[2] == "│  rollout RO-1 v4: paused step 2/4 at 10 % — waiting for a human to promote   │")
    // paused → warn style, on the phase word only (x 20…25).
    #expect(canvas[20, 2].style == CellStyle(.warn, bold: true))
    #expect(canvas[25, 2].style == CellStyle(.warn, bold: true))
    #expect(canvas[26, 2].style == CellStyle(.text))
    // The block is one row taller: the bar moves to row 3.
    #expect(
      CanaryPane.blockHeight(
        try #require(state().snapshot?.canaries.first), width: 78, symbols: .braille, hasRollout: true)
        == CanaryPane.blockHeight(
          try #require(state().snapshot?.canaries.first), width: 78, symbols: .braille) + 1)
    CanvasSnapshot.assertMatches(canvas, named: "canary-rollout-80x24", includeStyles: true)
  }

  func state() -> AppState { RolloutKeysTests.state(rollout: nil) }

  @Test func withoutARolloutTheBlockIsUnchanged() {
    let rows = draw(nil, width: 80, height: 24).textRows()
    #expect(!rows.joined().contains("rollout"))
  }

  @Test func abortedIsCriticalAndTheReasonIsSanitised() throws {
    // A reason with an escape sequence: the sanitiser replaces control
    // characters, so no ESC byte reaches the canvas.
    let canvas = draw(
      try RolloutKeysTests.rollout(abortedWith: "p95 \u{1B}[31mdoubled"), width: 80, height: 24)
    let line = canvas.textRows()[2]
    #expect(!line.contains("\u{1B}"))
    // Finished: no step, the weight the plan had reached when it was aborted
    // by hand (10 %, its first step; the abort set the weight to 0), its reason.
    #expect(line.hasPrefix("│  rollout RO-1 v4: aborted at 10 % — p95 "))
    #expect(canvas[20, 2].style == CellStyle(.critical, bold: true))
  }

  @Test func phaseStyles() {
    #expect(RolloutSummary.style(.progressing).role == .ok)
    #expect(RolloutSummary.style(.promoted).role == .ok)
    #expect(RolloutSummary.style(.paused).role == .warn)
    #expect(RolloutSummary.style(.analysing).role == .warn)
    #expect(RolloutSummary.style(.inconclusive).role == .warn)
    #expect(RolloutSummary.style(.aborted).role == .critical)
  }

  @Test func detailViewShowsTheRolloutUnderItsSummary() throws {
    let d = AppDriver(width: 120, height: 40)
    d.apply(snapshot: DashboardFixture.snapshot())
    d.apply(.registrySnapshot(RolloutKeysTests.registry(try RolloutKeysTests.rollout())))
    d.send(.char("j"))
    d.send(.char("j"))  // support-agent v3
    d.send(.enter)
    let top = try #require(d.frame.firstIndex { $0.contains("Detail: support-agent") })
    // Summary, then the rollout line, then the table header.
    #expect(d.frame[top + 1].contains("user-facing total"))
    #expect(d.frame[top + 2].contains("│rollout RO-1 v4: paused step 2/4 at 10 % — waiting for a human"))
    #expect(d.frame[top + 3].contains("version"))
    // ] in the detail view acts on the drilled-into artefact, after its
    // confirmation and reason.
    d.send(.char("]"))
    #expect(d.state.dialog?.kind == .promoteRolloutStep)
    for c in "ok" { d.send(.char(c)) }
    #expect(
      d.send(.enter).contains(
        .registry(.rolloutEvent(artefact: "support-agent", event: .promote(full: false), reason: "ok"))))
  }

  /// `paused at 5 % until …` after the step would say the phase and the
  /// weight twice: the rest follows the weight.
  @Test func theMessageDoesNotRepeatThePhaseAndWeight() throws {
    let plan = try RolloutPlan(
      artefact: "support-agent", canaryVersion: "v4",
      steps: [.setWeight(percent: 5), .pause(durationMs: 60_000), .setWeight(percent: 50)])
    let (state, _) = RolloutState.start(plan, at: RegistryFixture.t0)
    let record = RolloutRecord(
      id: 1, artefact: "support-agent", plan: plan, state: state, startedAt: RegistryFixture.t0,
      startedBy: "alice", updatedAt: RegistryFixture.t0)
    let until = RegistryFixture.t0.adding(milliseconds: 60_000).rfc3339
    #expect(state.message == "step 2/3: paused at 5 % until \(until)")
    #expect(RolloutSummary.text(record) == "RO-1 v4: paused step 2/3 at 5 % until \(until)")
  }
}
