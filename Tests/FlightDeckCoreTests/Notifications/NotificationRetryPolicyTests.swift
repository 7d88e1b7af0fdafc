import FlightDeckCore
import FlightDeckTestSupport
import Testing

/// The retry schedule worked out by hand: ceilings 5 s, 10 s, 20 s, … capped
/// at 10 min; equal jitter waits half the ceiling plus the random fraction
/// of the other half; `Retry-After` replaces the backoff; the eighth failure
/// is the dead letter.
@Suite struct NotificationRetryPolicyTests {
  let policy = NotificationRetryPolicy()
  let clock = TestClock()
  let fail = NotificationFailure(status: 500, message: "x: HTTP 500")

  @Test func ceilingsDoubleUpToTheCap() {
    #expect(
      (1...9).map { policy.ceilingMs(afterAttempt: $0) }
        == [5_000, 10_000, 20_000, 40_000, 80_000, 160_000, 320_000, 600_000, 600_000])
  }

  @Test func equalJitterSchedule() {
    let now = clock.now()
    func wait(_ attempt: Int, _ r: Double) -> Int64? {
      guard case .retry(let at) = policy.decide(afterAttempt: attempt, failure: fail, now: now, jitter: r)
      else {
        return nil
      }
      return at.milliseconds(since: now)
    }
    // r = 0: half the ceiling; r = 0.5: three quarters; r → 1: the ceiling.
    #expect((1...7).map { wait($0, 0) } == [2_500, 5_000, 10_000, 20_000, 40_000, 80_000, 160_000])
    #expect((1...3).map { wait($0, 0.5) } == [3_750, 7_500, 15_000])
    #expect(wait(3, 0.999_999) == 19_999)
    // Out-of-range fractions are clamped, not trusted.
    #expect(wait(1, -3) == 2_500 && wait(1, .nan) == 2_500 && wait(1, 7) == 5_000)
    // The eighth failed attempt is the dead letter (max_attempts 8).
    #expect(policy.decide(afterAttempt: 8, failure: fail, now: now, jitter: 0) == .dead)
  }

  @Test func aPermanentRefusalIsDeadAtOnceButTimeoutsAndThrottlingAreRetried() {
    let now = clock.now()
    for status in [400, 401, 403, 404, 410, 422] {
      #expect(
        policy.decide(
          afterAttempt: 1, failure: NotificationFailure(status: status, message: ""), now: now, jitter: 0)
          == .dead)
    }
    for status: Int? in [408, 429, 500, 502, 503, nil] {
      #expect(
        policy.decide(
          afterAttempt: 1, failure: NotificationFailure(status: status, message: ""), now: now, jitter: 0)
          == .retry(at: now.adding(milliseconds: 2_500)))
    }
  }

  @Test func retryAfterReplacesTheBackoffUpToItsCap() {
    let now = clock.now()
    let throttled = NotificationFailure(status: 429, retryAfterMs: 120_000, message: "")
    #expect(
      policy.decide(afterAttempt: 1, failure: throttled, now: now, jitter: 0.9)
        == .retry(at: now.adding(milliseconds: 120_000)))
    let forever = NotificationFailure(status: 503, retryAfterMs: 86_400_000, message: "")
    #expect(
      policy.decide(afterAttempt: 1, failure: forever, now: now, jitter: 0)
        == .retry(at: now.adding(milliseconds: 3_600_000)))
    // Still dead at the last attempt.
    #expect(policy.decide(afterAttempt: 8, failure: throttled, now: now, jitter: 0) == .dead)
  }

  /// `Retry-After` in both of RFC 9110's forms; the date is RFC 9110's own
  /// example, 784111777 s after the epoch (Python:
  /// `calendar.timegm(time.strptime("Sun, 06 Nov 1994 08:49:37 GMT", "%a, %d %b %Y %H:%M:%S GMT"))`).
  @Test func retryAfterForms() {
    let now = Timestamp(millisecondsSinceEpoch: 784_111_700_000)
    #expect(RetryAfter.milliseconds("120", now: now) == 120_000)
    #expect(RetryAfter.milliseconds(" 0 ", now: now) == 0)
    #expect(
      RetryAfter.imfFixdate("Sun, 06 Nov 1994 08:49:37 GMT")
        == Timestamp(millisecondsSinceEpoch: 784_111_777_000))
    #expect(RetryAfter.milliseconds("Sun, 06 Nov 1994 08:49:37 GMT", now: now) == 77_000)
    // A date in the past: no wait.
    #expect(
      RetryAfter.milliseconds("Sun, 06 Nov 1994 08:49:37 GMT", now: now.adding(milliseconds: 100_000)) == 0)
    for bad in [
      "", "-1", "1.5", "soon", "Sun, 06 Nov 1994 08:49:37 UTC", "Sun, 32 Nov 1994 08:49:37 GMT",
      String(repeating: "9", count: 100),
    ] {
      #expect(RetryAfter.milliseconds(bad, now: now) == nil, "\(bad)")
    }
    // Eleven digits: more than any cap, not an overflow.
    #expect((RetryAfter.milliseconds("99999999999", now: now) ?? 0) > 3_600_000)
  }
}
