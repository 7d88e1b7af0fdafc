import FlightDeckCore

extension AppUpdate {
  /// The default silence length typed into the silence dialog (Alertmanager's UI default is 2 h).
  public static let defaultSilenceDuration = "2h"

  /// The severity a hand-opened incident starts with.
  public static let defaultIncidentSeverity = IncidentSeverity.sev3

  /// The reason a rollback opened from incident `id` starts with, e.g. `INC-3: `.
  static func rollbackReasonPrefix(_ id: Int64) -> String { "INC-\(id): " }

  /// The alert instance selected in the Alerts pane, if any.
  static func selectedAlert(_ state: AppState) -> AlertInstance? {
    guard case .alert(let fingerprint)? = state.selection(of: .alerts).key else { return nil }
    return state.snapshot?.alerts.first { $0.fingerprint == fingerprint }
  }

  /// The incident the incident keys act on: the one in the incident view,
  /// else the one selected in the Incidents pane.
  static func targetIncident(_ state: AppState) -> Incident? {
    if let view = state.incidentView {
      return view.incident ?? state.incidents?.first { $0.id == view.id }
    }
    guard case .incident(let id)? = state.selection(of: .incidents).key else { return nil }
    return state.incidents?.first { $0.id == id }
  }

  /// `incident` in one line for dialogs, e.g. `INC-3 SEV2 triggered: p95 over budget`.
  static func incidentSummary(_ incident: Incident) -> String {
    "\(incident.displayID) \(incident.severity.rawValue) \(incident.state.rawValue): \(incident.title)"
  }

  /// Performs the alert, incident, KPI and dialog-choice actions.
  static func performIncident(_ state: inout AppState, _ action: Action) -> [AppEffect] {
    switch action {
    case .acknowledgeAlert:
      guard let alert = selectedAlert(state) else {
        setStatus(&state, "alert acknowledgement: select an alert in the Alerts pane first", .warn)
        return []
      }
      guard alert.state == .firing else {
        setStatus(
          &state, "\(alert.ruleName) is \(alert.state.rawValue): only a firing alert can be acknowledged",
          .warn)
        return []
      }
      if let by = alert.acknowledgedBy {
        setStatus(&state, "\(alert.ruleName) is already acknowledged by \(by)", .info)
        return []
      }
      return [.registry(.acknowledgeAlert(fingerprint: alert.fingerprint, comment: ""))]
    case .silenceAlert:
      return openSilence(&state)
    case .openIncident:
      return openIncidentDialog(&state)
    case .showIncident:
      guard case .incident(let id)? = state.selection(of: .incidents).key else {
        setStatus(&state, state.incidentsProblem ?? "no incident selected", .warn)
        return []
      }
      var view = IncidentViewState(id: id)
      view.incident = state.incidents?.first { $0.id == id }
      state.incidentView = view
      return [.loadIncident(id)]
    case .acknowledgeIncident, .assignIncident, .noteIncident, .mitigateIncident, .resolveIncident,
      .changeIncidentSeverity, .rollbackIncident, .replayIncidentHint:
      guard let incident = targetIncident(state) else {
        setStatus(&state, "\(noun(action)): select an incident in the Incidents pane first", .warn)
        return []
      }
      return incidentAction(&state, action, incident)
    case .showKPIs:
      guard let now = state.snapshot?.now else {
        setStatus(&state, "KPIs: waiting for the first snapshot (no clock yet)", .warn)
        return []
      }
      let kpi = KPIOverlayState(from: now.adding(milliseconds: -KPIOverlayState.periodMs), to: now)
      state.kpi = kpi
      return [.loadKPI(from: kpi.from, to: kpi.to)]
    case .previousDialogChoice, .nextDialogChoice:
      cycleSeverity(&state, by: action == .nextDialogChoice ? 1 : -1)
      return []
    default:
      return []
    }
  }

  /// ←/→ in a dialog with a severity field: SEV1 … SEV4, wrapping.
  static func cycleSeverity(_ state: inout AppState, by delta: Int) {
    guard var dialog = state.dialog,
      let i = dialog.fields.firstIndex(where: { $0.label == RegistryDialog.severityField })
    else { return }
    let all = IncidentSeverity.allCases
    let current =
      IncidentSeverity.parse(dialog.fields[i].text.trimmingWhitespace()) ?? defaultIncidentSeverity
    let at = all.firstIndex(of: current) ?? 0
    dialog.fields[i].text = all[(at + delta + all.count) % all.count].rawValue
    dialog.problem = nil
    state.dialog = dialog
  }

  /// The silence dialog for the selected alert: matchers prefilled with its
  /// `alertname` and `artefact` (and `route`, when the alert has one), the
  /// default duration, and the required comment focused.
  static func openSilence(_ state: inout AppState) -> [AppEffect] {
    guard let alert = selectedAlert(state), let now = state.snapshot?.now else {
      setStatus(&state, "silencing: select an alert in the Alerts pane first", .warn)
      return []
    }
    var matchers = [
      AlertLabelMatcher(name: "alertname", op: .equal, value: alert.labels["alertname"] ?? alert.ruleName)
    ]
    for name in ["artefact", "route"] {
      if let value = alert.labels[name] {
        matchers.append(AlertLabelMatcher(name: name, op: .equal, value: value))
      }
    }
    var dialog = RegistryDialog(
      kind: .silence, artefact: alert.labels["artefact"] ?? "", version: alert.labels["version"] ?? "",
      fields: [
        .init(label: "matchers", text: matchers.map(\.description).joined(separator: " "), required: true),
        .init(label: "duration", text: defaultSilenceDuration, required: true),
        .init(label: "comment", required: true),
      ])
    dialog.subject = alert.displayName
    dialog.startsAt = now
    dialog.focusedField = 2
    state.dialog = dialog
    return []
  }

  /// The open-incident dialog (`i`) for the focused pane's selected row:
  /// an alert links the alert (and its artefact), a Registry version row
  /// the artefact and version, a Canary row the artefact and its rollout.
  static func openIncidentDialog(_ state: inout AppState) -> [AppEffect] {
    var links = IncidentLinks()
    var title = ""
    var subject = ""
    switch state.focus {
    case .alerts:
      guard let alert = selectedAlert(state) else {
        setStatus(&state, "opening incidents: select an alert first", .warn)
        return []
      }
      let since =
        alert.firedAt ?? alert.activeAt ?? alert.evaluatedAt ?? state.snapshot?.now
        ?? Timestamp(millisecondsSinceEpoch: 0)
      links.alerts = [
        IncidentAlertLink(
          rule: alert.ruleName, fingerprint: alert.fingerprint, labels: alert.labels, firingSince: since)
      ]
      if let a = alert.labels["artefact"] { links.artefacts = [a] }
      title =
        alert.annotations["summary"]
        ?? (alert.ruleName + (alert.labels["artefact"].map { " on \($0)" } ?? ""))
      subject = "alert " + alert.displayName
    case .registry:
      guard let (artefact, version) = state.selectedVersion else {
        setStatus(&state, "opening incidents: select a version first", .warn)
        return []
      }
      links.artefacts = [artefact]
      links.versions = [IncidentVersionLink(artefact: artefact, label: version)]
      title = "\(artefact) \(version): "
      subject = "version \(artefact) \(version)"
    case .canary:
      guard let artefact = state.selection(of: .canary).key?.artefact else {
        setStatus(&state, "opening incidents: select a canary first", .warn)
        return []
      }
      links.artefacts = [artefact]
      subject = "artefact \(artefact)"
      if let rollout = state.registry?.artefact(artefact)?.displayedRollout {
        links.rollouts = [rollout.id]
        links.versions = [IncidentVersionLink(artefact: artefact, label: rollout.plan.canaryVersion)]
        subject = "rollout RO-\(rollout.id) of \(artefact) \(rollout.plan.canaryVersion)"
      }
      title = "\(artefact) canary: "
    default:
      setStatus(&state, "opening incidents: select an alert, a version or a canary first", .warn)
      return []
    }
    if let problem = incidentLinksProblem(links) {
      setStatus(&state, "opening incidents: " + problem, .warn)
      return []
    }
    var dialog = RegistryDialog(
      kind: .openIncident, artefact: links.allArtefacts.first ?? "",
      version: links.versions.first?.label ?? "",
      fields: [
        .init(label: "title", text: incidentTitlePrefill(title), required: true),
        .init(label: RegistryDialog.severityField, text: defaultIncidentSeverity.rawValue, required: true),
      ])
    dialog.incidentLinks = links
    dialog.subject = subject
    state.dialog = dialog
    return []
  }

  /// Longest incident title the registry takes, in characters (the store's
  /// `title` check).
  static let incidentTitleLimit = 200

  /// The title field's first text: `title` sanitised once, here at the edge
  /// (the dialog shows a field's text as it is when it is display-safe), and
  /// cut to ``incidentTitleLimit`` characters so that the store takes it.
  static func incidentTitlePrefill(_ title: String) -> String {
    String(Sanitizer.sanitize(title).prefix(incidentTitleLimit))
  }

  /// Why the registry would refuse to open an incident with `links`, checked
  /// before a dialog opens that could not succeed: an artefact or version
  /// name from telemetry that is not a registry name
  /// (``FlightDeckCore/RegistryNames``: a hostile label with escape
  /// sequences, a name too long). `nil` when the names are valid. The name
  /// is quoted raw and cut to 40 characters: the status line sanitises it
  /// once when drawn.
  static func incidentLinksProblem(_ links: IncidentLinks) -> String? {
    func shown(_ name: String) -> String {
      name.count > 40 ? String(name.prefix(40)) + "…" : name
    }
    for artefact in links.allArtefacts where (try? RegistryNames.validateArtefact(artefact)) == nil {
      return "\"\(shown(artefact))\" is not an artefact name the registry knows "
        + "(1–128 of A–Z a–z 0–9 . _ - /); open one by hand (flightdeck incident open --title …)"
    }
    for v in links.versions where (try? RegistryNames.validateVersion(v.label)) == nil {
      return "\"\(shown(v.label))\" is not a version label the registry knows "
        + "(1–64 of A–Z a–z 0–9 . _ - +); open one by hand (flightdeck incident open --title …)"
    }
    return nil
  }

  /// One incident key on `incident`: acknowledge at once; the others open
  /// their dialog; replay says how.
  static func incidentAction(_ state: inout AppState, _ action: Action, _ incident: Incident) -> [AppEffect] {
    let id = incident.id
    func dialog(_ kind: RegistryDialog.Kind, _ fields: [RegistryDialog.Field]) -> [AppEffect] {
      var d = RegistryDialog(
        kind: kind, artefact: incident.links.allArtefacts.first ?? "", version: "", fields: fields)
      d.incidentID = id
      d.subject = incidentSummary(incident)
      state.dialog = d
      return []
    }
    switch action {
    case .acknowledgeIncident:
      guard incident.state == .triggered else {
        setStatus(
          &state, "\(incident.displayID) is \(incident.state.rawValue): nothing to acknowledge", .info)
        return []
      }
      return [.registry(.acknowledgeIncident(id: id))]
    case .assignIncident:
      return dialog(
        .assignIncident,
        [.init(label: "commander", text: "", required: state.operatorName == nil)])
    case .noteIncident:
      return dialog(.noteIncident, [.init(label: "note", required: true)])
    case .mitigateIncident, .resolveIncident:
      let resolve = action == .resolveIncident
      guard incident.state.isOpen, resolve || incident.state < .mitigated else {
        setStatus(&state, "\(incident.displayID) is already \(incident.state.rawValue)", .info)
        return []
      }
      return dialog(resolve ? .resolveIncident : .mitigateIncident, [.init(label: "note", required: false)])
    case .changeIncidentSeverity:
      return dialog(
        .incidentSeverity,
        [.init(label: RegistryDialog.severityField, text: incident.severity.rawValue, required: true)])
    case .rollbackIncident:
      return openIncidentRollback(&state, incident)
    case .replayIncidentHint:
      setStatus(
        &state, "replay \(incident.displayID) on this screen: " + replayCommand(id, state: state), .info)
      return []
    default:
      return []
    }
  }

  /// The registry's rollback dialog for the artefact `incident` links
  /// (its first linked version's artefact, else its first artefact), with
  /// the reason started as `INC-n: `; refused, with the reason on the status
  /// line, when the linked version is not the one in production.
  static func openIncidentRollback(_ state: inout AppState, _ incident: Incident) -> [AppEffect] {
    guard let registry = state.registry else {
      setStatus(&state, state.registryProblem ?? noRegistryText, .warn)
      return []
    }
    guard let artefact = incident.links.versions.first?.artefact ?? incident.links.allArtefacts.first else {
      setStatus(&state, "\(incident.displayID) links no artefact to roll back", .warn)
      return []
    }
    guard let entry = registry.artefact(artefact), let production = entry.pointers[.production] else {
      setStatus(&state, "\(artefact) has no production version to roll back", .warn)
      return []
    }
    // Roll back only when the linked version is what production serves: a
    // linked canary (the usual incident of a rollout) is not in production,
    // and rolling production back would replace a healthy version.
    if let linked = incident.links.versions.first(where: { $0.artefact == artefact }),
      linked.label != production
    {
      let rollout = entry.displayedRollout.map { " (\($0.displayID) \($0.state.phase.rawValue))" } ?? ""
      setStatus(
        &state,
        "\(artefact) \(linked.label) is not in production (production is \(production))\(rollout): nothing to "
          + "roll back — abort or pause its rollout from the Canary pane (X, z)",
        .warn)
      return []
    }
    var dialog = RegistryDialog(
      kind: .rollback, artefact: artefact, version: production, seenPointers: entry.pointers,
      seenProduction: production,
      fields: [.init(label: "reason", text: rollbackReasonPrefix(incident.id), required: true)])
    dialog.incidentID = incident.id
    state.dialog = dialog
    return [.loadHistory(artefact)]
  }

  /// Turns an alert or incident dialog into its registry command, or
  /// keeps it open with the problem when a field does not parse.
  static func submitIncident(_ state: inout AppState, _ dialog: RegistryDialog) -> [AppEffect] {
    var dialog = dialog
    func refuse(_ problem: String) -> [AppEffect] {
      dialog.problem = problem
      state.dialog = dialog
      setStatus(&state, problem, .warn)
      return []
    }
    let command: RegistryCommand
    switch dialog.kind {
    case .openIncident, .incidentSeverity:
      let typed = dialog.text(of: RegistryDialog.severityField).trimmingWhitespace()
      guard let severity = IncidentSeverity.parse(typed) else {
        return refuse("severity \"\(typed)\" is not SEV1–SEV4 (type 1–4 or use ←/→)")
      }
      if dialog.kind == .openIncident {
        command = .openIncident(
          title: dialog.text(of: "title").trimmingWhitespace(), severity: severity, commander: nil,
          links: dialog.incidentLinks, source: .manual)
      } else {
        guard let id = dialog.incidentID else { return [] }
        command = .setIncidentSeverity(id: id, severity: severity)
      }
    case .silence:
      let text = dialog.text(of: "matchers")
      var matchers: [AlertLabelMatcher] = []
      for token in matcherTokens(text) {
        do {
          matchers.append(try AlertSilence.parseMatcherExplaining(token))
        } catch {
          // The reason names the fault: no operator, a bad label name, or
          // the regular expression's (RE2's wording).
          return refuse(error.description)
        }
      }
      guard !matchers.isEmpty else {
        return refuse("matchers are required, e.g. alertname=\"HighErrorRate\"")
      }
      let typed = dialog.text(of: "duration").trimmingWhitespace()
      guard let ms = DurationText.milliseconds(typed), ms > 0 else {
        return refuse("duration \"\(typed)\" is not a duration such as 30m, 1.5h, 2h or 1d")
      }
      guard let start = dialog.startsAt ?? state.snapshot?.now else { return [] }
      command = .createSilence(
        matchers: matchers, startsAt: start, endsAt: start.adding(milliseconds: ms),
        comment: dialog.text(of: "comment").trimmingWhitespace())
    case .assignIncident:
      guard let id = dialog.incidentID else { return [] }
      // Empty: the operator takes command (the dialog says so).
      let typed = dialog.text(of: "commander").trimmingWhitespace()
      command = .assignIncident(id: id, commander: typed.isEmpty ? (state.operatorName ?? "") : typed)
    case .noteIncident:
      guard let id = dialog.incidentID else { return [] }
      command = .addIncidentNote(id: id, text: dialog.text(of: "note").trimmingWhitespace())
    case .mitigateIncident, .resolveIncident:
      guard let id = dialog.incidentID else { return [] }
      let note = dialog.text(of: "note").trimmingWhitespace()
      command =
        dialog.kind == .resolveIncident
        ? .resolveIncident(id: id, note: note) : .mitigateIncident(id: id, note: note)
    default:
      return []
    }
    state.dialog = nil
    return [.registry(command)]
  }

  /// Splits matcher text at whitespace outside double quotes:
  /// `alertname="High rate" artefact="x"` → two tokens.
  public static func matcherTokens(_ text: String) -> [String] {
    var tokens: [String] = []
    var current = ""
    var quoted = false
    var escaped = false
    for c in text {
      if escaped {
        current.append(c)
        escaped = false
      } else if c == "\\" {
        current.append(c)
        escaped = true
      } else if c == "\"" {
        current.append(c)
        quoted.toggle()
      } else if c.isWhitespace && !quoted {
        if !current.isEmpty { tokens.append(current) }
        current = ""
      } else {
        current.append(c)
      }
    }
    if !current.isEmpty { tokens.append(current) }
    return tokens
  }

  /// Keeps the incident queue.
  static func receiveIncidents(_ state: inout AppState, _ result: Result<[Incident], RegistryError>)
    -> [AppEffect]
  {
    switch result {
    case .success(let incidents):
      state.incidents = incidents
      state.incidentsProblem = nil
    case .failure(let error):
      state.incidentsProblem = error.message
    }
    reconcileSelections(&state)
    return []
  }

  /// Puts a loaded incident and its timeline into the incident view (when it still shows that incident).
  static func receiveIncidentDetail(
    _ state: inout AppState, id: Int64, _ result: Result<(Incident, [IncidentTimelineEntry]), RegistryError>
  ) -> [AppEffect] {
    guard var view = state.incidentView, view.id == id else { return [] }
    switch result {
    case .success(let (incident, timeline)):
      view.incident = incident
      view.timeline = timeline
      view.error = nil
    case .failure(let error):
      view.error = error.message
    }
    state.incidentView = view
    return []
  }

  /// Puts the computed KPIs into the KPI view.
  static func receiveKPI(_ state: inout AppState, _ result: Result<KPIReport, RegistryError>) -> [AppEffect] {
    guard var kpi = state.kpi else { return [] }
    switch result {
    case .success(let report): kpi.report = report
    case .failure(let error): kpi.error = error.message
    }
    state.kpi = kpi
    return []
  }
}
