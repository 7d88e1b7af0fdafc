/// The alerting part of the configuration file: `[alerts]` and `[[slo]]`.
///
/// ```toml
/// [alerts]
/// rules = "alerts.yml"              # a rules file (relative to the current directory)
/// evaluation_interval = "15s"       # how often rules are evaluated (1s–1h)
/// incident_severities = ["page"]    # severities that open an incident by themselves
/// slo_alerts = true                 # generate the SRE Workbook burn-rate alerts per SLO
///
/// [[slo]]
/// name = "availability"
/// artefact = "support-bot"
/// kind = "availability"             # availability | latency
/// objective = 99.5                  # percent of good events, 0 < objective < 100
/// period = "30d"
/// burn_rate_windows = "sloth"       # workbook (default) | sloth: adds ticket 3× over 1 d / 2 h
///
/// [[slo]]
/// name = "latency"
/// artefact = "support-bot"
/// kind = "latency"
/// objective = 99
/// threshold_ms = 1200               # latency SLOs: slower requests are bad
/// ```
public struct AlertConfiguration: Sendable, Hashable {
  /// The rules file, if any.
  public var rulesPath: String?
  /// Evaluation interval, ms (default 15 s, Prometheus' usual).
  public var evaluationIntervalMs: Int64 = 15_000
  /// Severities whose firing alerts open an incident (default `["page"]`).
  public var incidentSeverities: [String] = ["page"]
  /// Whether each SLO gets ``SLODefinition/defaultAlertRules`` (default true).
  public var sloAlerts = true
  /// The SLOs, in file order.
  public var slos: [SLODefinition] = []

  /// The defaults: no rules file, 15 s, `page` opens incidents, no SLOs.
  public init() {}
}
