import Testing

@testable import FlightDeckCore

/// Argo Rollouts' AnalysisRun limits (strict: failed > failureLimit) plus FlightDeck's
/// "never successful on mostly failures" rule.
@Suite struct AnalysisRunTests {
  /// The issue's case: 5 measurements, 3 nodata (inconclusive) and 2 failing, failure limit 2.
  /// Plain Argo with inconclusiveLimit 3 and count 5: failed 2 > 2? no; inconclusive 3 > 3? no;
  /// count reached → Successful. FlightDeck: failed + errors = 2 ≥ passed = 0 → failed.
  @Test func issueCaseIsFailed() {
    let measurements: [MeasurementOutcome] = [.inconclusive, .fail, .inconclusive, .fail, .inconclusive]
    let run = AnalysisRun(
      policy: AnalysisPolicy(count: 5, failureLimit: 2, inconclusiveLimit: 3),
      measurements: measurements)
    let result = run.result
    #expect(result.phase == .failed)
    #expect(result.considered == 5)
    #expect((result.passed, result.failed, result.inconclusive) == (0, 2, 3))
    #expect(result.reason.hasPrefix("failed: mostly failures at count 5"))
    // With inconclusiveLimit 2 the third inconclusive (5th measurement) ends the run: 3 > 2,
    // and with 2 failures against 0 passes it is failed, not inconclusive.
    let tighter = AnalysisRun(
      policy: AnalysisPolicy(count: 5, failureLimit: 2, inconclusiveLimit: 2),
      measurements: measurements
    ).result
    #expect(tighter.phase == .failed)
    #expect(tighter.considered == 5)
    // With Argo's default inconclusiveLimit 0 the first nodata ends the run (1 > 0) as
    // inconclusive: no failure had been seen yet, and the later measurements are never taken.
    let strict = AnalysisRun(policy: AnalysisPolicy(count: 5, failureLimit: 2), measurements: measurements)
      .result
    #expect(strict.phase == .inconclusive)
    #expect(strict.considered == 1)
  }

  /// failureLimit is strict as in Argo: 2 failures are tolerated, the third fails the run.
  @Test func failureLimitIsStrict() {
    let policy = AnalysisPolicy(failureLimit: 2)
    #expect(AnalysisRun(policy: policy, measurements: [.pass, .fail, .pass, .fail]).result.phase == .running)
    let third = AnalysisRun(policy: policy, measurements: [.fail, .pass, .fail, .fail, .pass]).result
    #expect(third.phase == .failed)
    #expect(third.considered == 4)
    #expect(third.reason.hasPrefix("failed: 3 failed > failureLimit 2"))
  }

  /// Count reached with passes outnumbering failures within the limit → successful;
  /// only inconclusive measurements within the limit → inconclusive, not successful.
  @Test func countReached() {
    let ok = AnalysisRun(
      policy: AnalysisPolicy(count: 5, failureLimit: 2), measurements: [.pass, .fail, .pass, .pass, .fail]
    ).result
    #expect(ok.phase == .successful)
    let noEvidence = AnalysisRun(
      policy: AnalysisPolicy(count: 3, inconclusiveLimit: 5),
      measurements: [.inconclusive, .marginal, .inconclusive]
    ).result
    #expect(noEvidence.phase == .inconclusive)
  }

  /// Marginal counts as inconclusive (Argo's Kayenta provider); Argo's default limit 0 ends the run.
  @Test func marginalIsInconclusive() {
    let result = AnalysisRun(policy: AnalysisPolicy(count: 3), measurements: [.pass, .marginal]).result
    #expect(result.phase == .inconclusive)
    #expect(result.inconclusive == 1)
  }

  /// Consecutive errors: 4 tolerated (Argo default), the 5th in a row fails; a success resets.
  @Test func consecutiveErrors() {
    let policy = AnalysisPolicy()
    #expect(
      AnalysisRun(policy: policy, measurements: [.error, .error, .error, .error, .pass, .error]).result
        .phase == .running)
    let result = AnalysisRun(policy: policy, measurements: Array(repeating: .error, count: 5)).result
    #expect(result.phase == .failed)
    #expect(result.consecutiveErrors == 5)
  }

  /// Recording measurements one by one; measurements after completion are ignored.
  @Test func recordAndLatch() {
    var run = AnalysisRun(policy: AnalysisPolicy(count: 2))
    #expect(run.result.phase == .running)
    run.record(MeasurementOutcome(.pass))
    run.record(MeasurementOutcome(.pass))
    run.record(MeasurementOutcome(.fail))
    #expect(run.result.phase == .successful)
    #expect(run.result.considered == 2)
  }
}
