import FlightDeckCore
import Prometheus

/// The controller's state for a Prometheus scrape, read from the store at
/// each `GET /metrics` into a fresh swift-prometheus registry (so an alert
/// or a rollout that went away leaves no stale series):
/// - `flightdeck_alerts{alertname, state, severity}`: alert instances per
///   rule, state (`pending`, `firing`) and `severity` label, as Prometheus's
///   own `ALERTS` series counts them (instances' other labels vary per rule,
///   and one metric name takes one label set);
/// - `flightdeck_canary_weight_percent{artefact}`: the canary weight the
///   registry holds per artefact (0–100);
/// - `flightdeck_rollout_info{artefact, rollout, phase}`: 1 per artefact's
///   running or latest rollout, its phase as a label;
/// - `flightdeck_controller_lease_held`: 1 while this process holds the lease;
/// - `flightdeck_store_reachable`: 1 when the store answered this scrape's reads;
/// - `flightdeck_notification_outbox_entries{state}`: the notification
///   outbox's depth, entries per state (`pending`, `failed`, `delivered`,
///   `dead`; every state, 0 included) — only when notifications are
///   configured and the store answered.
public enum ControllerStateMetrics {
  /// The exposition (Prometheus text format 0.0.4) of `registry` and
  /// `alerts` as read (`nil`: the read failed) and the lease; `outbox`: the
  /// outbox's entries per state as read (`nil`: not configured, or the read
  /// failed — no outbox series then).
  public static func exposition(
    registry: RegistrySnapshot?, alerts: [AlertInstance]?, leaseHeld: Bool,
    outbox: [NotificationOutboxState: Int]? = nil
  )
    -> [UInt8]
  {
    let r = PrometheusCollectorRegistry()
    func name(_ metric: String, _ unit: String, _ help: String) -> MetricNameDescriptor {
      MetricNameDescriptor(namespace: "flightdeck", metricName: metric, unitName: unit, helpText: help)
    }
    r.makeGauge(
      descriptor: name("controller_lease", "held", "1 while this process holds the controller lease")
    )
    .set(to: leaseHeld ? 1.0 : 0.0)
    r.makeGauge(descriptor: name("store", "reachable", "1 when the store answered this scrape's reads"))
      .set(to: registry != nil && alerts != nil ? 1.0 : 0.0)
    if let outbox {
      for state in NotificationOutboxState.allCases {
        r.makeGauge(
          descriptor: name("notification_outbox", "entries", "Notification outbox entries by delivery state"),
          labels: [("state", state.rawValue)]
        ).set(to: Double(outbox[state] ?? 0))
      }
    }
    var counts: [[String]: Int] = [:]
    for a in alerts ?? [] where a.state == .pending || a.state == .firing {
      counts[[a.ruleName, a.state.rawValue, a.labels["severity"] ?? ""], default: 0] += 1
    }
    for (key, n) in counts.sorted(by: { $0.key.lexicographicallyPrecedes($1.key) }) {
      r.makeGauge(
        descriptor: name("alerts", "", "Alert instances by rule, state and severity"),
        labels: [
          ("alertname", TerminalText.sanitize(key[0])), ("state", key[1]),
          ("severity", TerminalText.sanitize(key[2])),
        ]
      ).set(to: Double(n))
    }
    for entry in registry?.artefacts ?? [] {
      let artefact = TerminalText.sanitize(entry.artefact.name)
      r.makeGauge(
        descriptor: name("canary_weight", "percent", "Canary weight the registry holds, percent"),
        labels: [("artefact", artefact)]
      ).set(to: Double(entry.canaryWeightPercent))
      if let rollout = entry.displayedRollout {
        r.makeGauge(
          descriptor: name("rollout", "info", "The running or latest rollout of an artefact and its phase"),
          labels: [
            ("artefact", artefact), ("rollout", rollout.displayID), ("phase", rollout.state.phase.rawValue),
          ]
        ).set(to: 1.0)
      }
    }
    return r.emitToBuffer()
  }
}
