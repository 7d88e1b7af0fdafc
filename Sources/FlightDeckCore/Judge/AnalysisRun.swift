/// An analysis run: measurements (one judge verdict per interval) aggregated to a phase with
/// Argo Rollouts' AnalysisRun limits, plus one FlightDeck rule so a run of mostly failures and
/// nodata can never come out successful.
///
/// Argo's rules (argo-rollouts `analysis/analysis.go`, `assessMetricStatus`), checked after each
/// measurement, first match wins, the run stopping at its first completed phase:
/// 1. failed > failureLimit → Failed
/// 2. inconclusive > inconclusiveLimit → Inconclusive
/// 3. consecutive errors > consecutiveErrorLimit → Error (here `failed`)
/// 4. count reached → Successful ("the Error, Failed, Inconclusive counters are ignored")
/// 5. otherwise Running.
/// The comparisons are strict: `failureLimit: 2` tolerates two failures and fails on the third.
///
/// FlightDeck's addition ("never passed on mostly failures"): whenever rule 2 or 4 would end the
/// run, if failed + errors > 0 and failed + errors ≥ passed, the run is `failed` instead; and
/// rule 4 with no passed measurement at all (only inconclusive ones) is `inconclusive`, not
/// successful. Under plain Argo, 5 measurements of which 3 inconclusive and 2 failed with
/// `failureLimit: 2, inconclusiveLimit: 3, count: 5` end Successful; here they end failed.
public struct AnalysisRun: Sendable, Hashable, Codable {
  /// The limits.
  public var policy: AnalysisPolicy
  /// The measurements so far, oldest first.
  public var measurements: [MeasurementOutcome]

  /// Creates a run with the given limits and measurements.
  public init(policy: AnalysisPolicy, measurements: [MeasurementOutcome] = []) {
    self.policy = policy
    self.measurements = measurements
  }

  /// Appends a measurement (ignored by `result` once the run is completed).
  public mutating func record(_ measurement: MeasurementOutcome) {
    measurements.append(measurement)
  }

  /// The phase and counts; see the type's documentation.
  public var result: AnalysisRunResult {
    var state = AnalysisRunResult(
      phase: .running, considered: 0, passed: 0, failed: 0, inconclusive: 0, errors: 0,
      consecutiveErrors: 0, reason: "running: 0 measurements")
    for measurement in measurements {
      state.considered += 1
      switch measurement {
      case .pass:
        state.passed += 1
        state.consecutiveErrors = 0
      case .fail:
        state.failed += 1
        state.consecutiveErrors = 0
      case .marginal, .inconclusive:
        state.inconclusive += 1
        state.consecutiveErrors = 0
      case .error:
        state.errors += 1
        state.consecutiveErrors += 1
      }
      if let phase = assess(&state) {
        state.phase = phase
        return state
      }
    }
    state.reason = "running: \(counts(state))"
    return state
  }

  /// Applies the rules to the counts after one measurement; nil while running.
  private func assess(_ state: inout AnalysisRunResult) -> AnalysisPhase? {
    let bad = state.failed + state.errors
    let unfavourable = bad > 0 && bad >= state.passed
    if state.failed > policy.failureLimit {
      state.reason = "failed: \(state.failed) failed > failureLimit \(policy.failureLimit); \(counts(state))"
      return .failed
    }
    if state.inconclusive > policy.inconclusiveLimit {
      if unfavourable {
        state.reason =
          "failed: mostly failures (\(counts(state))) when inconclusive \(state.inconclusive) "
          + "> inconclusiveLimit \(policy.inconclusiveLimit)"
        return .failed
      }
      state.reason =
        "inconclusive: \(state.inconclusive) inconclusive > inconclusiveLimit "
        + "\(policy.inconclusiveLimit); \(counts(state))"
      return .inconclusive
    }
    if state.consecutiveErrors > policy.consecutiveErrorLimit {
      state.reason =
        "failed: \(state.consecutiveErrors) consecutive errors > consecutiveErrorLimit "
        + "\(policy.consecutiveErrorLimit); \(counts(state))"
      return .failed
    }
    if let count = policy.count, state.considered >= count {
      if unfavourable {
        state.reason = "failed: mostly failures at count \(count) (\(counts(state)))"
        return .failed
      }
      if state.passed == 0 {
        state.reason = "inconclusive: no measurement passed at count \(count) (\(counts(state)))"
        return .inconclusive
      }
      state.reason = "successful: count \(count) reached (\(counts(state)))"
      return .successful
    }
    return nil
  }

  private func counts(_ state: AnalysisRunResult) -> String {
    "\(state.passed) passed, \(state.failed) failed, \(state.inconclusive) inconclusive, "
      + "\(state.errors) errors of \(state.considered)"
  }
}
