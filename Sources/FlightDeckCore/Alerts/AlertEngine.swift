/// The alerting side of the dashboard engine: the rules (file rules plus
/// SLO defaults), the evaluator, the schedule, silences, and the
/// ingestion error log behind `ingest_errors`.
///
/// The owner (``DashboardEngine``, or a test) calls ``tick(now:store:)``
/// often; each rule group is evaluated once per its `interval` (else
/// ``intervalMs``, the configuration's `evaluation_interval`) of the
/// injected clock, at the instants of that interval's grid (multiples of
/// the interval since the epoch), as Prometheus evaluates a group at its
/// scheduled slot's timestamp however late the evaluation runs; SLO rules
/// use ``intervalMs``. With window edges on that grid and the metrics store
/// keeping cells of ``windowResolutionMs``, a window `[1m]` covers exactly
/// the last minute before each evaluation. Transitions accumulate in ``pendingTransitions`` until
/// the owner takes them (``takeTransitions()``) to persist them with
/// ``RegistryCommand/recordAlertTransitions(_:)``.
public struct AlertEngine: Sendable {
  /// The alerting configuration.
  public let configuration: AlertConfiguration
  /// The evaluator with every instance.
  public private(set) var evaluator: AlertEvaluator
  /// Silences in force, as last given by ``setSilences(_:)``.
  public private(set) var silences: [AlertSilence] = []
  /// Ingestion errors by arrival time.
  public private(set) var ingestErrors: IngestErrorLog
  /// Transitions not yet taken by the owner.
  public private(set) var pendingTransitions: [AlertTransition] = []
  /// SLO status at the last evaluation.
  public private(set) var sloStatuses: [SLOStatus] = []
  /// When rules were last evaluated (any group).
  public private(set) var lastEvaluation: Timestamp?
  /// Group name → its evaluation interval, ms.
  private var groupIntervals: [String: Int64] = [:]
  /// Group name → when it was last evaluated.
  private var groupEvaluated: [String: Timestamp] = [:]

  /// Creates the engine from file rules and the configuration's SLOs
  /// (whose default burn-rate rules are added when `slo_alerts` is on),
  /// restoring persisted instances (a firing alert stays firing with its
  /// original start time).
  public init(configuration: AlertConfiguration, groups: [AlertRuleGroup], restoring: [AlertInstance] = []) {
    self.configuration = configuration
    var rules = groups.flatMap(\.rules)
    if configuration.sloAlerts { rules += configuration.slos.flatMap(\.defaultAlertRules) }
    self.evaluator = AlertEvaluator(rules: rules, restoring: restoring)
    self.ingestErrors = IngestErrorLog(retentionMs: max(3_600_000, Self.longestWindowMs(rules)))
    self.groupIntervals = Self.intervals(
      groups: groups, rules: rules, default: configuration.evaluationIntervalMs)
  }

  private static func intervals(groups: [AlertRuleGroup], rules: [AlertRule], default ms: Int64) -> [String:
    Int64]
  {
    var out: [String: Int64] = [:]
    for r in rules { out[r.group] = ms }
    for g in groups { out[g.name] = max(1, g.intervalMs ?? ms) }
    return out
  }

  /// The evaluation interval, ms.
  public var intervalMs: Int64 { configuration.evaluationIntervalMs }

  /// The longest evaluation interval of any rule group (or of the SLO
  /// rules, ``intervalMs``), ms.
  public var longestIntervalMs: Int64 { groupIntervals.values.reduce(intervalMs, max) }

  /// The longest window any rule reads, ms: the metrics store's retention
  /// must be at least this for the rule to see its whole window
  /// (``requiredRetentionMs``).
  public static func longestWindowMs(_ rules: [AlertRule]) -> Int64 {
    rules.map(\.expression.longestWindowMs).max() ?? 0
  }

  /// The retention the metrics store needs: the longest rule window (3 d
  /// with the SLO defaults). SLO periods (30 d) are not covered: the budget
  /// figure uses what the store holds, and its sample count says how much.
  public var requiredRetentionMs: Int64 { Self.longestWindowMs(evaluator.rules) }

  /// The grid every window edge the rules read lies on, ms: the greatest
  /// common divisor of every evaluation interval, every condition window and
  /// every SLO period (15 s for a 15 s interval and 1m, 5m, 1h… windows;
  /// the store's cells are its greatest common divisor with the bucket
  /// width, 5 s under 10 s buckets). The metrics store keeps cells this fine
  /// (``EngineOptions/fitMetricsToAlerts(_:)``, at least 1 s:
  /// ``MetricsConfiguration/cellWidthMs``), so each window is exact.
  public var windowResolutionMs: Int64 {
    var g = intervalMs
    for i in groupIntervals.values { g = MetricsConfiguration.gcd(g, i) }
    for rule in evaluator.rules {
      for c in rule.expression.conditions where c.windowMs > 0 {
        g = MetricsConfiguration.gcd(g, c.windowMs)
      }
    }
    for slo in configuration.slos { g = MetricsConfiguration.gcd(g, slo.periodMs) }
    return g
  }

  /// The `threshold_ms` of every latency SLO, sorted, without duplicates:
  /// the store counts requests above each exactly
  /// (``MetricsConfiguration/latencyThresholdsMs``).
  public var latencyThresholdsMs: [Double] {
    Set(configuration.slos.compactMap { $0.kind == .latency ? $0.thresholdMs : nil }).sorted()
  }

  /// The instant of `interval`'s grid at or before `now`: Prometheus-style
  /// evaluation slots, multiples of the interval since the epoch.
  public static func slot(_ now: Timestamp, intervalMs: Int64) -> Timestamp {
    let i = max(1, intervalMs)
    return Timestamp(millisecondsSinceEpoch: floorDiv(now.millisecondsSinceEpoch, i) * i)
  }

  /// Notes `count` ingestion errors at `at` (for `ingest_errors`).
  public mutating func noteIngestErrors(at: Timestamp, count: Int = 1) {
    ingestErrors.add(at: at, count: count)
  }

  /// Replaces the silences (read from the store).
  public mutating func setSilences(_ silences: [AlertSilence]) { self.silences = silences }

  /// Takes the acknowledgements of stored instances into the evaluator.
  public mutating func mergeAcknowledgements(from stored: [AlertInstance]) {
    evaluator.mergeAcknowledgements(from: stored)
  }

  /// Replaces the file rules (a rules file reloaded successfully); the SLO
  /// rules stay, instances of kept rules keep their state.
  public mutating func replaceRules(_ groups: [AlertRuleGroup]) {
    var rules = groups.flatMap(\.rules)
    if configuration.sloAlerts { rules += configuration.slos.flatMap(\.defaultAlertRules) }
    evaluator.replaceRules(rules)
    groupIntervals = Self.intervals(groups: groups, rules: rules, default: configuration.evaluationIntervalMs)
  }

  /// Evaluates the groups that are due, each at its slot (the latest
  /// instant of its interval's grid at or before `now`, ``slot(_:intervalMs:)``):
  /// a group is due when that slot is later than its last evaluation, when
  /// it was never evaluated, or when the clock went back. The SLO statuses
  /// are computed with them (and on their own slot of ``intervalMs``).
  /// - Returns: whether anything was evaluated.
  @discardableResult
  public mutating func tick(now: Timestamp, store: MetricsStore) -> Bool {
    var bySlot: [Timestamp: Set<String>] = [:]
    for (name, interval) in groupIntervals {
      let slot = Self.slot(now, intervalMs: interval)
      if let last = groupEvaluated[name], now >= last, slot <= last { continue }
      bySlot[slot, default: []].insert(name)
    }
    let sloSlot = Self.slot(now, intervalMs: intervalMs)
    let sloDue = lastEvaluation.map { now < $0 || sloSlot > $0 } ?? true
    guard !bySlot.isEmpty || (sloDue && !configuration.slos.isEmpty) else { return false }
    if bySlot.isEmpty { bySlot[sloSlot] = [] }
    for slot in bySlot.keys.sorted() {
      evaluate(now: slot, store: store, groups: bySlot[slot] ?? [])
    }
    return true
  }

  /// Evaluates the rules of `groups` (every group when `nil`) and every SLO now.
  public mutating func evaluate(now: Timestamp, store: MetricsStore, groups: Set<String>? = nil) {
    let source = MetricsStoreAlertSource(store: store, ingestErrors: ingestErrors, slos: configuration.slos)
    pendingTransitions += evaluator.evaluate(at: now, source: source, silences: silences, groups: groups)
    for name in groups ?? Set(groupIntervals.keys) { groupEvaluated[name] = now }
    sloStatuses = configuration.slos.map { SLOStatus.compute($0, source: source, at: now) }
    lastEvaluation = now
  }

  /// Returns and clears the pending transitions.
  public mutating func takeTransitions() -> [AlertTransition] {
    defer { pendingTransitions = [] }
    return pendingTransitions
  }

  /// Every instance, firing first.
  public var instances: [AlertInstance] { evaluator.sortedInstances }
}
