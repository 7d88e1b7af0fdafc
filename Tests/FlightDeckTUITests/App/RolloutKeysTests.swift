import FlightDeckCore
import FlightDeckTUI
import Testing

/// Reducer tests for the rollout keys (`]` step, `}` promote in full, `X`
/// abort, `z` pause/resume, `y` retry) on hand-built snapshots:
/// ``DashboardFixture`` telemetry (the Canary pane's only block is
/// support-agent) and ``RegistryFixture`` with a rollout of support-agent v4
/// added (see ``RolloutKeysTests/registry(humanPaused:)``).
@Suite struct RolloutKeysTests {
  /// Steps: weight 10 %, pause until promoted, weight 50 %, weight 100 %.
  /// Started at t0: step 1 sets 10 % at once, step 2 holds → phase paused,
  /// step index 1, weight 10 (RolloutState.advance).
  static func rollout(humanPaused: Bool = false, abortedWith reason: String? = nil) throws -> RolloutRecord {
    let plan = try RolloutPlan(
      artefact: "support-agent", canaryVersion: "v4",
      steps: [
        .setWeight(percent: 10), .pauseUntilPromoted, .setWeight(percent: 50), .setWeight(percent: 100),
      ])
    var (state, _) = RolloutState.start(plan, at: RegistryFixture.t0)
    if humanPaused { _ = try state.handle(.pause, at: RegistryFixture.t0.adding(milliseconds: 60_000)) }
    if let reason { _ = try state.handle(.abort(reason: reason), at: RegistryFixture.t0) }
    return RolloutRecord(
      id: 1, artefact: "support-agent", plan: plan, state: state, startedAt: RegistryFixture.t0,
      startedBy: "alice", updatedAt: RegistryFixture.t0)
  }

  /// ``RegistryFixture/registry(production:)`` with support-agent's rollout set
  /// (`nil`: none, as the store shows a finished or absent one).
  static func registry(_ rollout: RolloutRecord?) -> RegistrySnapshot {
    var r = RegistryFixture.registry()
    if let i = r.artefacts.firstIndex(where: { $0.artefact.name == "support-agent" }) {
      r.artefacts[i].rollout = rollout
    }
    return r
  }

  /// A state with the Canary pane focused on support-agent.
  static func state(rollout: RolloutRecord?, readOnly: Bool = false) -> AppState {
    var s = AppState(readOnly: readOnly)
    _ = AppUpdate.update(&s, .newSnapshot(DashboardFixture.snapshot()))
    _ = AppUpdate.update(&s, .registrySnapshot(registry(rollout)))
    s.focus = .canary
    return s
  }

  @discardableResult
  static func press(_ s: inout AppState, _ key: Key) -> [AppEffect] { AppUpdate.update(&s, .key(key)) }

  static func event(_ e: RolloutEvent, reason: String? = nil) -> [AppEffect] {
    [.registry(.rolloutEvent(artefact: "support-agent", event: e, reason: reason))]
  }

  static let noRollout = "no rollout on support-agent (flightdeck rollout start …)"

  @Test func stepAsksForAReasonThenSendsPromoteToTheNextStep() throws {
    var s = Self.state(rollout: try Self.rollout())
    #expect(s.selectedArtefact == "support-agent")
    // ] skips the step's pause and analysis: it confirms first, like } and X.
    #expect(Self.press(&s, .char("]")).isEmpty)
    let dialog = try #require(s.dialog)
    #expect(dialog.kind == .promoteRolloutStep)
    #expect(dialog.version == "v4")
    #expect(dialog.fields.map(\.label) == ["reason"])
    #expect(DialogOverlay.contextLines(dialog)[0].0 == "support-agent v4: go to the next step now")
    #expect(Self.press(&s, .enter).isEmpty)
    #expect(s.dialog?.problem == "reason is required")
    for c in "judge stuck" { Self.press(&s, .char(c)) }
    #expect(Self.press(&s, .enter) == Self.event(.promote(full: false), reason: "judge stuck"))
    #expect(s.dialog == nil)
  }

  @Test func everyKeyWithoutARolloutSaysSo() {
    for key: Character in ["]", "}", "X", "z", "y"] {
      var s = Self.state(rollout: nil)
      #expect(Self.press(&s, .char(key)).isEmpty, "\(key)")
      #expect(s.statusMessage == Self.noRollout, "\(key)")
      #expect(s.statusLevel == .warn)
      #expect(s.dialog == nil)
    }
  }

  @Test func registryPaneActsOnTheSelectedRowsArtefact() throws {
    var s = Self.state(rollout: try Self.rollout())
    s.focus = .registry
    // Row 0 is gpt-4o-mini 2024-07-18: it has no rollout.
    #expect(Self.press(&s, .char("]")).isEmpty)
    #expect(s.statusMessage == "no rollout on gpt-4o-mini (flightdeck rollout start …)")
    // Row 3 is support-agent v4: the rollout's artefact.
    for _ in 0..<3 { Self.press(&s, .char("j")) }
    #expect(Self.press(&s, .char("]")).isEmpty)
    #expect(s.dialog?.kind == .promoteRolloutStep)
    #expect(s.dialog?.artefact == "support-agent")
  }

  @Test func promoteInFullAsksFirstNamingArtefactAndVersion() throws {
    var s = Self.state(rollout: try Self.rollout())
    #expect(Self.press(&s, .char("}")).isEmpty)
    let dialog = try #require(s.dialog)
    #expect(dialog.kind == .promoteRolloutFull)
    #expect(dialog.artefact == "support-agent")
    #expect(dialog.version == "v4")
    #expect(dialog.fields.isEmpty)
    // Step index 1 of 4 → "step 2/4"; weight 10 %; the machine's message for a
    // pause until promoted, without its leading "step 2/4: ".
    #expect(
      dialog.rolloutSummary == "RO-1 v4: paused step 2/4 at 10 % — waiting for a human to promote")
    #expect(DialogOverlay.contextLines(dialog)[0].0 == "support-agent v4: promote in full → production")
    // Esc sends nothing; a second } and Enter sends the full promotion.
    #expect(Self.press(&s, .escape).isEmpty)
    #expect(s.dialog == nil)
    #expect(s.statusMessage == "cancelled: promote rollout in full")
    Self.press(&s, .char("}"))
    #expect(Self.press(&s, .enter) == Self.event(.promote(full: true)))
    #expect(s.dialog == nil)
  }

  @Test func abortNeedsAReason() throws {
    var s = Self.state(rollout: try Self.rollout())
    #expect(Self.press(&s, .char("X")).isEmpty)
    #expect(s.dialog?.kind == .abortRollout)
    #expect(s.dialog?.version == "v4")
    // Blank (or whitespace-only) reason: refused in the dialog, nothing sent.
    Self.press(&s, .char(" "))
    #expect(Self.press(&s, .enter).isEmpty)
    #expect(s.dialog?.problem == "reason is required")
    #expect(s.statusLevel == .warn)
    // Rollout keys type into the field while the dialog is open.
    for c in "p95 up ]}Xzy" { Self.press(&s, .char(c)) }
    #expect(Self.press(&s, .enter) == Self.event(.abort(reason: "p95 up ]}Xzy")))
    #expect(s.dialog == nil)
  }

  @Test func pauseWhenRunningResumeWhenPausedByAHuman() throws {
    // Held by its own "pause until promoted" step: pausedAt is nil, so z pauses.
    var s = Self.state(rollout: try Self.rollout())
    #expect(Self.press(&s, .char("z")) == Self.event(.pause))
    s = Self.state(rollout: try Self.rollout(humanPaused: true))
    #expect(Self.press(&s, .char("z")) == Self.event(.resume))
  }

  @Test func retryAsksForAReasonAndActsOnTheLastRollout() throws {
    var s = Self.state(rollout: try Self.rollout())
    #expect(Self.press(&s, .char("y")).isEmpty)
    #expect(s.dialog?.kind == .retryRollout)
    #expect(Self.press(&s, .enter).isEmpty)
    #expect(s.dialog?.problem == "reason is required")
    for c in "flaky judge" { Self.press(&s, .char(c)) }
    #expect(Self.press(&s, .enter) == Self.event(.retry, reason: "flaky judge"))
    // An aborted rollout is finished: the registry carries it as the latest
    // one, not the running one; y retries it, after the same confirmation.
    var registry = Self.registry(nil)
    let aborted = try Self.rollout(abortedWith: "p95 up")
    if let i = registry.artefacts.firstIndex(where: { $0.artefact.name == "support-agent" }) {
      registry.artefacts[i].latestRollout = aborted
    }
    s = Self.state(rollout: nil)
    _ = AppUpdate.update(&s, .registrySnapshot(registry))
    #expect(Self.press(&s, .char("y")).isEmpty)
    let dialog = try #require(s.dialog)
    #expect(dialog.kind == .retryRollout)
    #expect(dialog.rolloutSummary?.hasPrefix("RO-1 v4: aborted") == true)
    Self.press(&s, .escape)
    #expect(s.dialog == nil)
  }

  @Test func readOnlyDisablesEveryRolloutKeyAndSaysSo() throws {
    for key: Character in ["]", "}", "X", "z", "y"] {
      var s = Self.state(rollout: try Self.rollout(), readOnly: true)
      #expect(Self.press(&s, .char(key)).isEmpty, "\(key)")
      #expect(s.statusMessage == "read-only: rollout control disabled", "\(key)")
      #expect(s.statusLevel == .warn)
      #expect(s.dialog == nil)
    }
  }

  @Test func elsewhereTheKeySaysWhereItWorks() throws {
    var s = Self.state(rollout: try Self.rollout())
    s.focus = .charts
    #expect(Self.press(&s, .char("X")).isEmpty)
    #expect(s.statusMessage == "X abort works in the Registry, Canary pane: Tab to it")
    // Without a registry workspace the keys say so.
    var bare = AppState()
    _ = AppUpdate.update(&bare, .newSnapshot(DashboardFixture.snapshot()))
    bare.focus = .canary
    #expect(Self.press(&bare, .char("]")).isEmpty)
    #expect(bare.statusMessage == AppUpdate.noRegistryText)
  }
}
