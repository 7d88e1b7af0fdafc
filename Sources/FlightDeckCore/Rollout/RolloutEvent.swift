/// Something that happens to a rollout: time passing, a measurement, or a
/// human's command (keys and CLI, all audited by the caller).
public enum RolloutEvent: Sendable, Hashable {
  /// The clock reached this instant (timed pauses end, measurements fall due).
  case tick
  /// An analysis measurement came back, with the judge's verdict behind it
  /// (`nil` when the judge could not run); the state keeps the verdict as
  /// ``RolloutState/lastVerdict`` so the reasons survive the rollout.
  case measurement(MeasurementOutcome, verdict: CanaryVerdict? = nil)
  /// A human promoted: go to the next step, or (`full`) finish the rollout.
  /// `gateOverride` is the reason for promoting to production although the
  /// version's evaluation gates failed or never ran (recorded on the
  /// promotion request and in the audit log, as `promote --override`).
  case promote(full: Bool, gateOverride: String? = nil)
  /// A human aborted the rollout.
  case abort(reason: String)
  /// A human paused the rollout.
  case pause
  /// The store held the rollout (e.g. before a production promotion its
  /// gates do not allow): paused like ``pause``, with `reason` as the
  /// message; ``resume`` carries on.
  case hold(reason: String)
  /// Production already serves the canary's version (its promotion was
  /// approved, by this rollout's request or another): the rollout is
  /// `promoted`, with `reason` as the message, and asks for nothing more.
  case completed(reason: String)
  /// A human resumed a paused rollout.
  case resume
  /// A human retried: an aborted rollout starts again from its first step; an
  /// inconclusive analysis runs again.
  case retry
}
