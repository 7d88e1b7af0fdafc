import Foundation

/// Alert instances and silences as of an instant.
extension RegistryAsOf {
  /// The stored alert instances as they stood at `t`, firing first: each
  /// fingerprint's last `alert.firing` / `alert.resolved` entry at or before
  /// `t` gives its state (and value); it fired at its last firing entry by
  /// then (active since that entry's `active_at`); it is acknowledged when
  /// an `alert.acknowledge` entry followed that firing by `t`. Instances with no such entry by `t` are left out (pending
  /// is never stored; the replay's engine evaluates the rules again).
  public func alertInstances(at t: Timestamp) -> [AlertInstance] {
    var out: [AlertInstance] = []
    for stored in storedAlerts {
      let (upTo, _) = entries("alert:\(stored.fingerprint)", at: t)
      let transitions = upTo.filter { $0.action == .alertFiring || $0.action == .alertResolved }
      guard let last = transitions.last else { continue }
      let after = Self.json(last.after)
      var i = stored
      i.state = (after["state"] as? String).flatMap(AlertState.init(rawValue:)) ?? .inactive
      i.value = (after["value"] as? String).flatMap(Double.init) ?? (after["value"] as? NSNumber)?.doubleValue
      let firing = transitions.last { $0.action == .alertFiring }
      let fired = firing?.at
      i.firedAt = fired
      // The firing entry records when the condition started to hold (`active_at`).
      i.activeAt =
        (firing.flatMap { Self.json($0.after)["active_at"] as? String }).flatMap(RFC3339Parser.parse) ?? fired
      i.resolvedAt = last.action == .alertResolved ? last.at : nil
      i.evaluatedAt = last.at
      i.lastTrueAt = i.state == .firing ? last.at : nil
      let ack = upTo.last { e in e.action == .alertAcknowledge && fired.map { e.at >= $0 } ?? false }
      i.acknowledgedBy = ack?.actor
      i.acknowledgedAt = ack?.at
      i.acknowledgeComment = ack.map { $0.reason == "acknowledged" ? "" : $0.reason }
      i.silencedBy = []
      out.append(i)
    }
    return out.sorted {
      ($0.state.rank, $0.ruleName, $0.fingerprint) < ($1.state.rank, $1.ruleName, $1.fingerprint)
    }
  }

  /// The silences made at or before `t` (their `silence.create` entry), with
  /// the end they had then, newest first: those not ended by `t`, or all
  /// when `includeExpired`.
  public func silences(at t: Timestamp, includeExpired: Bool) -> [AlertSilence] {
    var out: [AlertSilence] = []
    for stored in allSilences {
      let (upTo, later) = entries(stored.displayID, at: t)
      guard upTo.contains(where: { $0.action == .silenceCreate }) else { continue }
      var s = stored
      if let expiry = later.first(where: { $0.action == .silenceExpire }),
        let end = (Self.json(expiry.before)["ends_at"] as? String).flatMap(RFC3339Parser.parse)
      {
        s.endsAt = end
      }
      if includeExpired || s.endsAt > t { out.append(s) }
    }
    return out.sorted { $0.id > $1.id }
  }
}
