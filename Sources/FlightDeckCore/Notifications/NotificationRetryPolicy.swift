/// When a failed notification is tried again, and when it is given up:
/// exponential backoff with jitter, `Retry-After` honoured, a timeout per
/// attempt, and a dead letter after ``maxAttempts``. Pure: the caller brings
/// the clock's now and the random fraction, so every schedule is testable.
///
/// Backoff is "equal jitter" (Marc Brooker, "Exponential Backoff And
/// Jitter", AWS Architecture Blog, 2015): after attempt `n` (1-based) the
/// ceiling is `min(maxBackoffMs, initialBackoffMs · 2^(n−1))`, and the wait
/// is `ceiling/2 + r · ceiling/2` for a random `r` in [0, 1) — never less
/// than half the ceiling, so a failing receiver is not hammered, and spread
/// so many senders do not retry in step.
///
/// A receiver's `Retry-After` (seconds or an HTTP-date, RFC 9110 §10.2.3)
/// replaces the backoff, capped at ``maxRetryAfterMs`` so a receiver cannot
/// park an event for days.
public struct NotificationRetryPolicy: Sendable, Hashable {
  /// Attempts before an event is a dead letter (≥ 1).
  public var maxAttempts: Int
  /// The first backoff ceiling, ms.
  public var initialBackoffMs: Int64
  /// The largest backoff ceiling, ms.
  public var maxBackoffMs: Int64
  /// The longest `Retry-After` honoured, ms.
  public var maxRetryAfterMs: Int64
  /// How long one HTTP attempt may take, ms (connect, send, answer).
  public var attemptTimeoutMs: Int64

  /// Defaults: 8 attempts, backoff from 5 s up to 10 min, `Retry-After` up
  /// to 1 h, 10 s per attempt (the seven waits between eight attempts total 5.3 to 10.6 min: half to all of 5 + 10 + … + 320 s).
  public init(
    maxAttempts: Int = 8, initialBackoffMs: Int64 = 5_000, maxBackoffMs: Int64 = 600_000,
    maxRetryAfterMs: Int64 = 3_600_000, attemptTimeoutMs: Int64 = 10_000
  ) {
    self.maxAttempts = max(1, maxAttempts)
    self.initialBackoffMs = max(1, initialBackoffMs)
    self.maxBackoffMs = max(self.initialBackoffMs, maxBackoffMs)
    self.maxRetryAfterMs = max(0, maxRetryAfterMs)
    self.attemptTimeoutMs = max(1, attemptTimeoutMs)
  }

  /// What to do after a failed attempt.
  public enum Decision: Sendable, Hashable {
    /// Try again at this time.
    case retry(at: Timestamp)
    /// Give up: a dead letter.
    case dead
  }

  /// The backoff ceiling after attempt `attempt` (1-based), ms.
  public func ceilingMs(afterAttempt attempt: Int) -> Int64 {
    var ceiling = initialBackoffMs
    var n = 1
    while n < attempt && ceiling < maxBackoffMs {
      ceiling = ceiling > maxBackoffMs / 2 ? maxBackoffMs : ceiling * 2
      n += 1
    }
    return min(ceiling, maxBackoffMs)
  }

  /// The decision after attempt `attempt` (1-based) failed at `now`.
  /// - Parameters:
  ///   - failure: How it failed; a permanent failure is dead at once.
  ///   - jitter: A random fraction in [0, 1) (clamped).
  public func decide(afterAttempt attempt: Int, failure: NotificationFailure, now: Timestamp, jitter: Double)
    -> Decision
  {
    if failure.isPermanent || attempt >= maxAttempts { return .dead }
    if let after = failure.retryAfterMs {
      return .retry(at: now.adding(milliseconds: min(max(0, after), maxRetryAfterMs)))
    }
    let ceiling = ceilingMs(afterAttempt: attempt)
    let r = jitter.isFinite ? min(max(jitter, 0), 1) : 0
    let half = ceiling / 2
    let wait = half + Int64((Double(ceiling - half) * r).rounded(.down))
    return .retry(at: now.adding(milliseconds: min(wait, ceiling)))
  }
}
