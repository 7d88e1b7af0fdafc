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

  /// How many transitions one store command carries (``record(_:while:)``
  /// writes a round's transitions in commands of at most this many, each its
  /// own transaction: under the store's bound,
  /// ``AlertChange/maximumTransitionsPerCommand``, and short enough that a
  /// lease heartbeat waiting for the store's writer is not held up long).
  public static let chunkSize = 1_000

  /// Persists `transitions` and opens incidents for those that start firing
  /// with a configured severity and are not silenced.
  ///
  /// The transitions are written in chunks of ``chunkSize`` (one store
  /// command and transaction each, in order), checking `fence` before each
  /// chunk and each incident: once it no longer holds (the controller lost
  /// its lease), nothing more is written and the rest is reported as not
  /// saved. A chunk the store refuses or fails on is reported and the next
  /// chunk is still tried (each transition applies only over the state it
  /// comes from, so a chunk not saved leaves its instances for the next
  /// rounds, or another process, to move on).
  /// - Returns: the incidents opened and any problems (never throws: a
  ///   storage failure is reported and the next evaluation tries again).
  public func record(_ transitions: [AlertTransition], while fence: ControllerFence = .always) -> Report {
    var report = Report()
    guard !transitions.isEmpty else { return report }
    var start = 0
    var saved: [AlertTransition] = []
    while start < transitions.count {
      let end = min(transitions.count, start + Self.chunkSize)
      guard fence.holds else {
        report.problems.append(
          "the controller lease was lost: \(transitions.count - start) of \(transitions.count) alert transitions not saved"
        )
        break
      }
      let chunk = Array(transitions[start..<end])
      do {
        _ = try store.perform(.recordAlertTransitions(chunk), as: actor)
        saved += chunk
      } catch {
        report.problems.append(
          transitions.count <= Self.chunkSize
            ? "alert state not saved: \(error)"
            : "alert state not saved (transitions \(start + 1)–\(end) of \(transitions.count)): \(error)")
      }
      start = end
    }
    let wanted = Set(configuration.incidentSeverities.map { $0.lowercased() })
    let opening = saved.filter {
      $0.startsFiring && !$0.instance.isSilenced && wanted.contains(($0.instance.severity ?? "").lowercased())
    }
    guard !opening.isEmpty else { return report }
    let registry = try? store.snapshot()
    for t in opening {
      guard fence.holds else {
        report.problems.append(
          "the controller lease was lost: incident for \(t.instance.ruleName) not opened")
        continue
      }
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
