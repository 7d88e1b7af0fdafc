import Foundation

/// Builds an incident's timeline from the audit log: a pure function of the
/// incident, the audit entries and "now".
///
/// The window runs from `leadMs` (default 30 min) before the earlier of the
/// first linked alert's firing start and the opening, to the resolution (or
/// `now` while open). In it, an entry is kept when it is one of the
/// incident's own (`incident.*` with subject `INC-<id>`, kept whatever its
/// time, so notes after the resolution appear), or when it concerns one of
/// the incident's artefacts (``IncidentLinks/allArtefacts``) or is global:
///
/// - `alert.firing` / `alert.resolved` / `alert.acknowledge`: their detail
///   (the `after` JSON, else `before`) is read for `labels.artefact` or
///   `artefact`; an alert with neither, or whose `fingerprint` is one of the
///   incident's alert links, counts as concerning the incident;
/// - `silence.create` / `silence.expire`: kept when the silence relates to
///   the incident as Alertmanager relates a silence to an alert: every one of
///   its matchers matches the labels of one of the incident's alerts (with
///   `alertname` = the rule, as the engine labels instances), or it has
///   `artefact` matchers and they all match one of the incident's artefacts.
///   The matchers come from the `silence.create` entry's detail, else from
///   `silenceMatchers` (for an expiry whose creation lies before `entries`);
///   a silence whose matchers are unknown is left out. So `alertname="T"`
///   is not in the timeline of an incident on another alert or artefact;
/// - `config.apply`: global (always kept);
/// - `rollout.*`, `pointer.move`, `rollback`, `canary.weight`, `gate.check`:
///   the artefact is the subject's part before `:` or `@`;
/// - `request.*` (subject `REQ-<n>`): the artefact from `requestArtefacts`
///   or from a `request.create` entry among `entries`.
///
/// Registrations, imports and `workspace.init` are never part of a timeline.
/// An incident linked to no artefact keeps every kept kind in the window
/// (silences too when it is linked to no alert either, and their matchers
/// are known).
public enum IncidentTimeline {
  /// The default lead time before the first alert or the opening: 30 min (ms).
  public static let defaultLeadMs: Int64 = 30 * 60_000

  /// The incident's window: `[start, end]` in ms (see the type's documentation).
  public static func window(of incident: Incident, now: Timestamp, leadMs: Int64 = defaultLeadMs) -> (
    start: Timestamp, end: Timestamp
  ) {
    let first = min(incident.firstAlertAt ?? incident.openedAt, incident.openedAt)
    return (first.adding(milliseconds: -max(0, leadMs)), incident.resolvedAt ?? now)
  }

  /// The timeline of `incident`, ordered by time then audit sequence.
  /// - Parameters:
  ///   - entries: audit entries (any superset of the window; order does not matter).
  ///   - requestArtefacts: the artefact of each promotion request id, for
  ///     `request.*` entries whose `request.create` lies before `entries`.
  ///   - silenceMatchers: the matchers (`name="value"`, as stored) of each
  ///     silence id, for `silence.expire` entries whose `silence.create`
  ///     lies before `entries`.
  ///   - now: the end of the window of an open incident.
  ///   - leadMs: how far before the first alert or the opening to look (ms).
  public static func build(
    incident: Incident, entries: [AuditEntry], requestArtefacts: [Int64: String] = [:],
    silenceMatchers: [Int64: [String]] = [:], now: Timestamp, leadMs: Int64 = defaultLeadMs
  ) -> [IncidentTimelineEntry] {
    let (start, end) = window(of: incident, now: now, leadMs: leadMs)
    let artefacts = Set(incident.links.allArtefacts)
    let fingerprints = Set(incident.links.alerts.map(\.fingerprint))
    var requests = requestArtefacts
    for e in entries where e.action == .requestCreate {
      if let id = requestID(e.subject), let a = detail(e)["artefact"] as? String { requests[id] = a }
    }
    var silences = silenceMatchers
    for e in entries where e.action == .silenceCreate {
      if let id = AlertSilence.parseID(e.subject), let m = detail(e)["matchers"] as? [Any] {
        silences[id] = m.compactMap { $0 as? String }
      }
    }
    var out: [IncidentTimelineEntry] = []
    for e in entries {
      if e.subject == incident.displayID, let line = incidentLine(e) {
        out.append(line)
        continue
      }
      guard e.at >= start, e.at <= end, let kind = kind(of: e.action) else { continue }
      // A clock tick that only asked for a measurement (same phase, step and
      // weight before and after) is bookkeeping, not an event of the incident.
      if e.action == .rolloutTick, e.before == e.after { continue }
      let concerned: Bool
      switch e.action {
      case .alertFiring, .alertResolved, .alertAcknowledge:
        let d = detail(e)
        let labels = d["labels"] as? [String: Any]
        let artefact = (labels?["artefact"] as? String) ?? (d["artefact"] as? String)
        let fingerprint = d["fingerprint"] as? String
        concerned =
          artefacts.isEmpty || artefact == nil || artefact.map(artefacts.contains) == true
          || fingerprint.map(fingerprints.contains) == true
      case .silenceCreate, .silenceExpire:
        // A creation's own matchers are in `silences` already (read above).
        let matchers = AlertSilence.parseID(e.subject).flatMap { silences[$0] }
        concerned =
          matchers.map {
            (artefacts.isEmpty && fingerprints.isEmpty) || silenceConcerns(incident, matchers: $0)
          }
          ?? false
      case .configApply:
        concerned = true
      case .requestCreate, .requestApprove, .requestReject, .requestCancel, .requestExpire:
        let artefact = requestID(e.subject).flatMap { requests[$0] }
        concerned = artefacts.isEmpty || artefact.map(artefacts.contains) == true
      default:
        concerned = artefacts.isEmpty || artefacts.contains(subjectArtefact(e.subject))
      }
      guard concerned else { continue }
      out.append(
        IncidentTimelineEntry(at: e.at, kind: kind, actor: e.actor, text: text(e), sequence: e.sequence))
    }
    return out.sorted { ($0.at, $0.sequence) < ($1.at, $1.sequence) }
  }

  /// The timeline kind of an action that can appear, `nil` for those that never do
  /// (and for `incident.*`, which appear only for their own incident).
  static func kind(of action: AuditAction) -> IncidentTimelineKind? {
    switch action {
    case .alertFiring: .alertFiring
    case .alertResolved: .alertResolved
    case .alertAcknowledge: .alertAcknowledged
    case .silenceCreate, .silenceExpire: .silence
    case .rolloutStart: .rolloutStart
    case .rolloutTick, .rolloutMeasurement, .rolloutPause, .rolloutResume, .rolloutRetry:
      .rollout
    case .rolloutAbort: .rolloutAbort
    case .rolloutPromote: .rolloutPromote
    case .requestCreate, .requestApprove, .requestReject, .requestCancel, .requestExpire: .request
    case .pointerMove: .pointerMove
    case .rollback: .rollback
    case .canaryWeight: .canaryWeight
    case .configApply: .config
    case .gateCheck: .gate
    case .workspaceInit, .artefactRegister, .versionRegister, .import, .routingPublish, .routingDrift: nil
    case .incidentOpen, .incidentAlert, .incidentAcknowledge, .incidentAssign, .incidentNote,
      .incidentSeverity,
      .incidentMitigate, .incidentResolve, .incidentRetro:
      nil
    }
  }

  /// The line for one of the incident's own entries.
  static func incidentLine(_ e: AuditEntry) -> IncidentTimelineEntry? {
    let d = detail(e)
    let kind: IncidentTimelineKind
    let text: String
    switch e.action {
    case .incidentOpen:
      kind = .opened
      let sev = (d["severity"] as? String) ?? "?"
      text = "opened \(sev): \(e.reason)"
    case .incidentAlert:
      kind = .firedAgain
      let since = ((d["alerts"] as? [Any]) ?? []).compactMap { ($0 as? [String: Any])?["since"] as? Int }
        .min()
      text =
        "fired again: \(e.reason)"
        + (since.map { " (firing since \(Timestamp(millisecondsSinceEpoch: Int64($0)).rfc3339))" } ?? "")
    case .incidentAcknowledge:
      kind = .acknowledged
      text = "acknowledged by \(e.actor)"
    case .incidentAssign:
      kind = .assigned
      text = "commander → \((d["commander"] as? String) ?? "none")"
    case .incidentNote:
      kind = .note
      text = "note: \(e.reason)"
    case .incidentSeverity:
      kind = .severity
      let before = (json(e.before)["severity"] as? String) ?? "?"
      text = "severity \(before) → \((d["severity"] as? String) ?? "?")"
    case .incidentMitigate:
      kind = .mitigated
      text = e.reason.isEmpty ? "mitigated" : "mitigated: \(e.reason)"
    case .incidentResolve:
      kind = .resolved
      text = e.reason.isEmpty ? "resolved" : "resolved: \(e.reason)"
    case .incidentRetro:
      kind = .retro
      text = "retrospective written to \((d["path"] as? String) ?? "?")"
    default:
      return nil
    }
    return IncidentTimelineEntry(
      at: e.at, kind: kind, actor: e.actor, text: text, sequence: e.sequence)
  }

  /// One line describing an entry that is not the incident's own.
  static func text(_ e: AuditEntry) -> String {
    let d = detail(e)
    let subject = e.subject.replacingOccurrences(of: ":", with: " ")
    let line: String
    switch e.action {
    case .alertFiring, .alertResolved, .alertAcknowledge:
      let name = (d["alert"] as? String) ?? (d["rule"] as? String) ?? e.subject
      let verb =
        e.action == .alertFiring ? "firing" : e.action == .alertResolved ? "resolved" : "acknowledged"
      let severity = ((d["labels"] as? [String: Any])?["severity"] as? String) ?? (d["severity"] as? String)
      let labels = ((d["labels"] as? [String: Any]) ?? [:]).compactMap { k, v in
        (v as? String).map { "\(k)=\"\($0)\"" }
      }.sorted().joined(separator: ",")
      // The reason already names the alert with its labels (and the value
      // when it fired); older entries without one get name and labels here.
      line =
        "alert \(verb)" + (severity.map { " (\($0))" } ?? "") + ": "
        + (e.reason.isEmpty ? "\(name)\(labels.isEmpty ? "" : "{\(labels)}")" : e.reason)
    case .pointerMove, .rollback:
      let from = (json(e.before)["version"] as? String) ?? "none"
      let to = (d["version"] as? String) ?? "none"
      line = "\(e.action == .rollback ? "rollback " : "")\(subject) \(from) → \(to)"
    case .canaryWeight:
      let from = (json(e.before)["weight"] as? Int).map { "\($0)%" } ?? "?"
      let to = (d["weight"] as? Int).map { "\($0)%" } ?? "?"
      line = "\(subject) canary weight \(from) → \(to)"
    case .rolloutAbort:
      line = "\(subject) aborted: \(e.reason)"
    case .rolloutMeasurement:
      // The judge's verdict: after `{"measurement":"fail",…}`, reason
      // `measurement fail: <the rollout's state message>`.
      let verdict = (d["measurement"] as? String) ?? "?"
      let prefix = "measurement \(verdict): "
      let rest = e.reason.hasPrefix(prefix) ? String(e.reason.dropFirst(prefix.count)) : e.reason
      line = "\(subject) judge verdict \(verdict)" + (rest.isEmpty ? "" : ": \(rest)")
    case .configApply:
      line = "configuration applied" + (e.reason.isEmpty ? "" : ": \(e.reason)")
    case .gateCheck:
      line = "\(subject) gates \((d["passed"] as? Bool) == true ? "passed" : "failed")"
    case .requestCreate:
      let what = [d["artefact"], d["target"], d["version"]].compactMap { $0 as? String }.joined(
        separator: " ")
      line = "\(e.subject) requested: \(what)" + (e.reason.isEmpty ? "" : " (\(e.reason))")
    case .requestApprove, .requestReject, .requestCancel, .requestExpire:
      let verb = e.action.rawValue.split(separator: ".").last.map(String.init) ?? "decided"
      line = "\(e.subject) \(verb) by \(e.actor)" + (e.reason.isEmpty ? "" : ": \(e.reason)")
    default:
      line = "\(subject) \(e.action.rawValue)" + (e.reason.isEmpty ? "" : ": \(e.reason)")
    }
    return line
  }

  /// Whether a silence with `matchers` (as stored: `name="value"`) relates
  /// to `incident`: it would silence one of the incident's alerts (every
  /// matcher matches the alert's labels plus `alertname` = its rule), or it
  /// has `artefact` matchers that all match one of the incident's artefacts.
  /// A silence with no matchers, or one that does not parse, relates to
  /// nothing.
  static func silenceConcerns(_ incident: Incident, matchers texts: [String]) -> Bool {
    let matchers = texts.compactMap { AlertSilence.parseMatcher($0) }
    guard !matchers.isEmpty, matchers.count == texts.count else { return false }
    let silencesAnAlert = incident.links.alerts.contains { alert in
      var labels = alert.labels
      labels["alertname"] = labels["alertname"] ?? alert.rule
      return matchers.allSatisfy { $0.matches(labels) }
    }
    let onArtefact = matchers.filter { $0.name == "artefact" }
    let namesAnArtefact =
      !onArtefact.isEmpty
      && incident.links.allArtefacts.contains { a in onArtefact.allSatisfy { $0.matches(["artefact": a]) } }
    return silencesAnAlert || namesAnArtefact
  }

  /// The artefact part of a subject: before the first `:` or `@`.
  static func subjectArtefact(_ subject: String) -> String {
    String(subject.prefix { $0 != ":" && $0 != "@" })
  }

  /// The `n` of `REQ-n`.
  static func requestID(_ subject: String) -> Int64? {
    subject.hasPrefix("REQ-") ? Int64(subject.dropFirst(4)) : nil
  }

  /// The entry's detail: its `after` JSON object, else its `before`, else empty.
  static func detail(_ e: AuditEntry) -> [String: Any] {
    let after = json(e.after)
    return after.isEmpty ? json(e.before) : after
  }

  /// `text` parsed as a JSON object (empty when `nil` or not an object).
  static func json(_ text: String?) -> [String: Any] {
    guard let data = text?.data(using: .utf8),
      let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
    else { return [:] }
    return object
  }
}
