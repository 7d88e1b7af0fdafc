/// FlightDeck's lifecycle KPIs over a period; each is defined in the
/// *KPIs* article of the DocC catalog and computed by ``KPICalculator``.
/// Ratios and durations without data read `n/a`.
public struct KPIReport: Sendable, Hashable, Codable {
  /// Start of the period (inclusive).
  public var from: Timestamp
  /// End of the period (exclusive).
  public var to: Timestamp
  /// Production releases: promotion moves of `production` in the period.
  public var releases: Int
  /// Request created → its last approval, for releases in the period (ms).
  public var timeToApprove: KPIDurations
  /// Request created → production pointer moved, for releases in the period (ms).
  public var timeToPromote: KPIDurations
  /// Production rollbacks ÷ production releases in the period.
  public var rollbackFrequency: KPIRatio
  /// Passing gate checks ÷ gate checks recorded in the period.
  public var gatePassRate: KPIRatio
  /// Incidents opened in the period linked to a version that passed its gates ÷ releases.
  public var defectEscapeRate: KPIRatio
  /// Cost per request and per 1k tokens by artefact (empty without telemetry).
  public var costByArtefact: [KPIArtefactCost]
  /// Requests at or under the latency threshold ÷ requests (`nil` without telemetry or threshold).
  public var latencyAttainment: KPIRatio?
  /// The latency threshold used, ms.
  public var latencyThresholdMs: Double?
  /// The artefact whose requests the attainment counts (a latency SLO's
  /// artefact), `nil` for every artefact's.
  public var latencyArtefact: String? = nil
  /// Opened → acknowledged of incidents opened in the period and acknowledged (ms).
  public var timeToAcknowledge: KPIDurations
  /// Opened → resolved of incidents opened in the period and resolved (ms).
  public var timeToResolve: KPIDurations
  /// Resolved incidents (opened in the period) with a retrospective ÷ resolved incidents.
  public var postmortemCompletion: KPIRatio
  /// Incidents opened in the period with another on the same artefact or alert in the 30 days before ÷ incidents.
  public var recurrence: KPIRatio
  /// Production moves in the period with a complete approval record ÷ production moves.
  public var auditCompleteness: KPIRatio
}
