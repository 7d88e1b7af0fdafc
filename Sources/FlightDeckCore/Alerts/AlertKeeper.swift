/// Keeps a workspace's alert state in step with an ``AlertEngine``: it
/// persists the engine's transitions (``RegistryCommand/recordAlertTransitions(_:)``,
/// so a firing alert survives a restart with its start time and is audited),
/// opens an incident for every alert that starts firing with a severity the
/// configuration names (``AlertConfiguration/incidentSeverities``, default
/// `page`: Alertmanager routes pages to PagerDuty, which opens the incident),
/// and hands the store's silences and acknowledgements back to the engine.
///
/// Everything is written as ``actor`` (``SystemActor/alerting``,
/// `system:alerting`): nobody pressed a key.
/// Opening is idempotent per firing (same fingerprint and firing start), so
/// two dashboards on one workspace, or a restart, open one incident; an
/// alert that fires again while an incident linked to it is open joins that
/// incident (the store decides, ``RegistryCommand/openIncident(title:severity:commander:links:source:)``).
public struct AlertKeeper: Sendable {
  /// What one ``record(_:)`` did.
  public struct Report: Sendable {
    /// Incidents opened (or found already open for the same firing).
    public var incidents: [Incident] = []
    /// Open incidents a new firing joined (the alert fired again while an
    /// incident opened for an earlier firing of it was open).
    public var joined: [Incident] = []
    /// One line per failure (the store refused or failed); nothing is fatal.
    public var problems: [String] = []
  }

  /// The alert configuration (incident severities).
  public let configuration: AlertConfiguration
  /// The workspace's store.
  public let store: any RegistryStore
  /// Who the audit log names.
  public let actor: OperatorIdentity

  /// Creates a keeper.
  public init(
    configuration: AlertConfiguration, store: any RegistryStore,
    actor: OperatorIdentity = .system(.alerting)
  ) {
    self.configuration = configuration
    self.store = store
    self.actor = actor
  }

  /// The incident severity for an alert severity label: `critical` → SEV1,
  /// `page` → SEV2, `ticket` → SEV3, anything else → SEV4 (PagerDuty's
  /// convention of paging for SEV1–2 and ticketing SEV3).
  public static func incidentSeverity(forAlertSeverity label: String?) -> IncidentSeverity {
    switch label?.lowercased() {
    case "critical": return .sev1
    case "page": return .sev2
    case "ticket": return .sev3
    default: return .sev4
    }
  }

  /// Persists `transitions` and opens incidents for those that start firing
  /// with a configured severity and are not silenced.
  /// - Returns: the incidents opened and any problems (never throws: a
  ///   storage failure is reported and the next evaluation tries again).
  public func record(_ transitions: [AlertTransition]) -> Report {
    var report = Report()
    guard !transitions.isEmpty else { return report }
    do {
      _ = try store.perform(.recordAlertTransitions(transitions), as: actor)
    } catch {
      report.problems.append("alert state not saved: \(error)")
      return report
    }
    let wanted = Set(configuration.incidentSeverities.map { $0.lowercased() })
    let opening = transitions.filter {
      $0.startsFiring && !$0.instance.isSilenced && wanted.contains(($0.instance.severity ?? "").lowercased())
    }
    guard !opening.isEmpty else { return report }
    let registry = try? store.snapshot()
    for t in opening {
      let i = t.instance
      let since = i.firedAt ?? t.at
      var links = IncidentLinks(
        alerts: [
          IncidentAlertLink(
            rule: i.ruleName, fingerprint: i.fingerprint, labels: i.labels, firingSince: since)
        ]
      )
      if let name = i.labels["artefact"], let entry = registry?.artefact(name) {
        links.artefacts = [name]
        let version =
          i.labels["version"]
          ?? (i.labels["route"] == "canary" ? entry.pointers[.canary] : entry.pointers[.production])
        if let version, entry.versions.contains(where: { $0.label == version }) {
          links.versions = [IncidentVersionLink(artefact: name, label: version)]
        }
        // The rollout that was running when it fired (or ended in the half hour before).
        if let r = entry.displayedRollout,
          !r.isFinished || r.updatedAt >= since.adding(milliseconds: -IncidentTimeline.defaultLeadMs)
        {
          links.rollouts = [r.id]
        }
      }
      // Labels come from telemetry: a control character in a name (which the
      // store refuses in a title) is written as its visible escape, so such a
      // name still pages (issue 11 breaker, I1).
      let title = TerminalText.sanitize(
        i.annotations["summary"].map { "\(i.ruleName): \($0)" } ?? i.displayName)
      do {
        let out = try store.perform(
          .openIncident(
            title: title, severity: Self.incidentSeverity(forAlertSeverity: i.severity), commander: nil,
            links: links, source: .alert),
          as: actor)
        // An incident is for the firing it was opened for (its alert key);
        // one opened for an earlier firing of this alert took this one in.
        if let incident = out.incident {
          if incident.links.alertKey == links.alertKey {
            report.incidents.append(incident)
          } else {
            report.joined.append(incident)
          }
        }
      } catch {
        report.problems.append("incident for \(i.ruleName) not opened: \(error)")
      }
    }
    return report
  }

  /// The silences in force and the stored instances (for their
  /// acknowledgements), to give to ``DashboardEngine/updateAlertState(silences:stored:)``
  /// when the store's change token moves.
  /// - Throws: ``RegistryError`` when the store cannot be read.
  public func storedState() throws -> (silences: [AlertSilence], instances: [AlertInstance]) {
    (try store.silences(includeExpired: false), try store.alertInstances())
  }
}
