import Foundation
import Testing

@testable import FlightDeckCore

/// The rollout state machine on a manual clock: steps, pauses, analysis,
/// abort, promote, pause/resume, retry, restart from stored state.
@Suite("Rollout state machine")
struct RolloutStateTests {
  let t0 = Timestamp(millisecondsSinceEpoch: 1_748_736_000_000)
  let minute: Int64 = 60_000

  func plan(_ steps: [RolloutStep]) throws -> RolloutPlan {
    try RolloutPlan(artefact: "support-bot", canaryVersion: "v13", steps: steps)
  }

  func at(_ minutes: Int64, _ ms: Int64 = 0) -> Timestamp { t0.adding(milliseconds: minutes * minute + ms) }

  @Test("the CLI shorthand 5,25,50,100 with a 10m pause becomes weight/pause pairs ending at 100")
  func shorthand() throws {
    let steps = try RolloutPlan.steps(weights: [5, 25, 50, 100], pauseMs: 10 * minute)
    #expect(
      steps == [
        .setWeight(percent: 5), .pause(durationMs: 600_000), .setWeight(percent: 25),
        .pause(durationMs: 600_000),
        .setWeight(percent: 50), .pause(durationMs: 600_000), .setWeight(percent: 100),
      ])
    // A list that stops short of 100 waits for a human at the end.
    #expect(try RolloutPlan.steps(weights: [10, 50], pauseMs: minute).last == .pauseUntilPromoted)
    #expect(throws: RolloutError.self) { try RolloutPlan.steps(weights: [25, 5], pauseMs: minute) }
    #expect(throws: RolloutError.self) { try RolloutPlan.steps(weights: [0, 5], pauseMs: minute) }
    #expect(throws: RolloutError.self) { try plan([.setWeight(percent: 101)]) }
    #expect(throws: RolloutError.self) { try plan([]) }
  }

  @Test("weights step up when each timed pause ends, and the rollout promotes after the last")
  func timedSteps() throws {
    let p = try plan(try RolloutPlan.steps(weights: [5, 25, 100], pauseMs: 10 * minute))
    var (s, effects) = RolloutState.start(p, at: at(0))
    #expect(effects == [.setCanaryWeight(5)])
    #expect(s.phase == .paused && s.canaryWeight == 5)
    // One millisecond before the pause ends: nothing.
    #expect(try s.handle(.tick, at: at(10, -1)) == [])
    #expect(try s.handle(.tick, at: at(10)) == [.setCanaryWeight(25)])
    #expect(s.phase == .paused && s.stepIndex == 3)
    // A late tick (at 25 m) ends the second pause, which started at 10 m (not at 25 m).
    #expect(try s.handle(.tick, at: at(25)) == [.setCanaryWeight(100), .promoteCanary])
    #expect(s.phase == .promoted)
    #expect(throws: RolloutError.self) { try s.handle(.promote(full: false), at: at(26)) }
  }

  @Test("an analysis asks for a measurement each interval and moves on when it is successful")
  func analysisPasses() throws {
    let p = try plan([
      .setWeight(percent: 10), .analysis(intervalMs: minute, policy: AnalysisPolicy(count: 3)),
      .setWeight(percent: 100),
    ])
    var (s, effects) = RolloutState.start(p, at: at(0))
    #expect(effects == [.setCanaryWeight(10)])
    #expect(s.phase == .analysing)
    #expect(try s.handle(.tick, at: at(0, 59_999)) == [])
    #expect(try s.handle(.tick, at: at(1)) == [.measure])
    // Asked once: a second tick does not ask again until the answer comes.
    #expect(try s.handle(.tick, at: at(1, 500)) == [])
    #expect(try s.handle(.measurement(.pass), at: at(1, 800)) == [])
    #expect(try s.handle(.tick, at: at(2)) == [.measure])
    #expect(try s.handle(.measurement(.pass), at: at(2)) == [])
    #expect(try s.handle(.tick, at: at(3)) == [.measure])
    // The third pass completes the run (count 3): weight 100, then promote.
    #expect(try s.handle(.measurement(.pass), at: at(3)) == [.setCanaryWeight(100), .promoteCanary])
    #expect(s.phase == .promoted)
  }

  @Test("the issue's case: 3 nodata and 2 failing with failure limit 2 → failed → aborted")
  func issueCaseAborts() throws {
    let policy = AnalysisPolicy(count: 5, failureLimit: 2, inconclusiveLimit: 3)
    let p = try plan([.setWeight(percent: 25), .analysis(intervalMs: minute, policy: policy)])
    var (s, _) = RolloutState.start(p, at: at(0))
    var last: [RolloutEffect] = []
    for (i, m) in [MeasurementOutcome.inconclusive, .fail, .inconclusive, .fail, .inconclusive].enumerated() {
      #expect(try s.handle(.tick, at: at(Int64(i + 1))) == [.measure])
      last = try s.handle(.measurement(m), at: at(Int64(i + 1)))
    }
    #expect(s.phase == .aborted)
    #expect(s.canaryWeight == 0)
    #expect(last.first == .setCanaryWeight(0))
    guard case .markRolledBack(let reason)? = last.last else {
      Issue.record("expected markRolledBack, got \(last)")
      return
    }
    #expect(reason.hasPrefix("analysis failed"))
  }

  @Test("an inconclusive analysis holds; retry runs it again; promote skips it")
  func inconclusiveHolds() throws {
    let p = try plan([
      .setWeight(percent: 5), .analysis(intervalMs: minute, policy: AnalysisPolicy(count: 2)),
      .setWeight(percent: 50), .pauseUntilPromoted,
    ])
    var (s, _) = RolloutState.start(p, at: at(0))
    #expect(try s.handle(.tick, at: at(1)) == [.measure])
    // Argo's default inconclusiveLimit 0: one inconclusive measurement ends the run.
    #expect(try s.handle(.measurement(.inconclusive), at: at(1)) == [])
    #expect(s.phase == .inconclusive)
    // Held: time passing does nothing.
    #expect(try s.handle(.tick, at: at(30)) == [])
    // Retry: a fresh run whose first measurement is due one interval later.
    #expect(try s.handle(.retry, at: at(30)) == [])
    #expect(s.phase == .analysing && s.analysis?.measurements == [])
    #expect(try s.handle(.tick, at: at(31)) == [.measure])
    _ = try s.handle(.measurement(.inconclusive), at: at(31))
    // A human promotes past it: weight 50, then hold until promoted again.
    #expect(try s.handle(.promote(full: false), at: at(32)) == [.setCanaryWeight(50)])
    #expect(s.phase == .paused)
    #expect(try s.handle(.promote(full: false), at: at(33)) == [.promoteCanary])
    #expect(s.phase == .promoted)
  }

  @Test("a human pause freezes the clock of a timed pause; resume keeps its remaining time")
  func pauseResume() throws {
    let p = try plan(try RolloutPlan.steps(weights: [5, 100], pauseMs: 10 * minute))
    var (s, _) = RolloutState.start(p, at: at(0))
    _ = try s.handle(.pause, at: at(4))
    #expect(try s.handle(.tick, at: at(20)) == [])
    #expect(throws: RolloutError.self) { try s.handle(.pause, at: at(21)) }
    // Paused 4 m → 24 m (20 minutes): the 10-minute pause now ends at 30 m, not 10 m.
    #expect(try s.handle(.resume, at: at(24)) == [])
    #expect(try s.handle(.tick, at: at(30, -1)) == [])
    #expect(try s.handle(.tick, at: at(30)) == [.setCanaryWeight(100), .promoteCanary])
  }

  @Test("abort sets the weight to 0; retry starts again from the first step")
  func abortAndRetry() throws {
    let p = try plan(try RolloutPlan.steps(weights: [5, 25, 100], pauseMs: 10 * minute))
    var (s, _) = RolloutState.start(p, at: at(0))
    _ = try s.handle(.tick, at: at(10))
    #expect(s.canaryWeight == 25)
    #expect(
      try s.handle(.abort(reason: "p95 doubled"), at: at(12))
        == [.setCanaryWeight(0), .markRolledBack(reason: "p95 doubled")])
    #expect(throws: RolloutError.self) { try s.handle(.abort(reason: "again"), at: at(13)) }
    #expect(try s.handle(.retry, at: at(14)) == [.setCanaryWeight(5)])
    #expect(s.phase == .paused && s.stepIndex == 1)
    #expect(throws: RolloutError.self) { try s.handle(.measurement(.pass), at: at(15)) }
  }

  @Test("promote --full finishes at once at 100 %")
  func promoteFull() throws {
    let p = try plan(try RolloutPlan.steps(weights: [5, 25, 100], pauseMs: 10 * minute))
    var (s, _) = RolloutState.start(p, at: at(0))
    #expect(try s.handle(.promote(full: true), at: at(1)) == [.setCanaryWeight(100), .promoteCanary])
    #expect(s.phase == .promoted)
  }

  @Test("restart-safe: a stored state resumes at the same step with the same deadlines")
  func restartFromStoredState() throws {
    let p = try plan(try RolloutPlan.steps(weights: [5, 25, 100], pauseMs: 10 * minute))
    var (s, _) = RolloutState.start(p, at: at(0))
    _ = try s.handle(.tick, at: at(3))
    let stored = try JSONEncoder().encode(s)
    var restored = try JSONDecoder().decode(RolloutState.self, from: stored)
    #expect(restored == s)
    // The process was down from 3 m to 12 m: the first tick after restart ends the pause
    // that was due at 10 m, and the next one is still due at 20 m.
    #expect(try restored.handle(.tick, at: at(12)) == [.setCanaryWeight(25)])
    #expect(try restored.handle(.tick, at: at(20, -1)) == [])
    #expect(try restored.handle(.tick, at: at(20)) == [.setCanaryWeight(100), .promoteCanary])
  }
}
