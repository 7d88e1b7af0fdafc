/// One change to alert instances, acknowledgements and silences: a transaction of ``AlertStore``.
///
/// Each is one transaction that appends its audit entries; a refusal
/// changes nothing. The `expected…` fields carry what the caller last saw:
/// when set, the store refuses with `.changedSinceYouLooked` if the state
/// differs, so two operators acting on the same screen never overwrite each other.
public enum AlertChange: Sendable, Hashable {
  /// The most transitions one ``recordAlertTransitions(_:)`` may carry: it
  /// is one transaction, and this bounds its size and the time it holds the
  /// store's writer.
  public static let maximumTransitionsPerCommand = 10_000

  /// Records alert state changes from an ``AlertEvaluator``. Each applies
  /// only when the stored state is the transition's `from` (no row for
  /// `nil`), so two dashboards on one workspace evaluating the same rules
  /// write each change once; the others are skipped and counted in the
  /// message. Starting to fire is audited `alert.firing`, stopping
  /// `alert.resolved` (alert name, labels, value, severity); pending,
  /// no-data and inactive changes are stored but not audited. A transition
  /// to `inactive` deletes the row. Refused with `.invalidInput` for more
  /// than ``maximumTransitionsPerCommand`` transitions (``AlertKeeper``
  /// writes a larger round in chunks).
  case recordAlertTransitions([AlertTransition])
  /// Acknowledges the firing alert instance `fingerprint` as the actor,
  /// audited `alert.acknowledge`. Refused with `.notFound` for an unknown
  /// fingerprint, `.notApplicable` when it is not firing, `.alreadyExists`
  /// when already acknowledged.
  case acknowledgeAlert(fingerprint: String, comment: String)
  /// Creates a silence by the actor, audited `silence.create`. Refused with
  /// `.invalidInput` for no matchers, a bad matcher, `endsAt ≤ startsAt` or
  /// `endsAt ≤ now`, or an empty comment.
  case createSilence(matchers: [AlertLabelMatcher], startsAt: Timestamp, endsAt: Timestamp, comment: String)
  /// Ends silence `id` now, audited `silence.expire`. Refused with
  /// `.notFound` for an unknown id, `.notApplicable` when already ended.
  case expireSilence(id: Int64)
}
