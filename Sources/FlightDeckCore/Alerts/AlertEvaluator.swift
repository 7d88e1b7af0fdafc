/// Evaluates alert rules and keeps every instance's state (the state
/// machine of Prometheus' alerting rules, with `resolved` and `nodata`).
///
/// Per instance and evaluation at `now`, with the condition's truth:
/// - true: inactive / resolved / nodata → `pending` (`activeAt = now`), or
///   straight to `firing` when `for` is 0; pending → `firing` once
///   `now − activeAt ≥ for` (`firedAt = now`); firing stays firing.
/// - false: pending → `inactive`; firing stays firing while
///   `now − keepFiringSince < keep_firing_for`, where `keepFiringSince` is
///   the first evaluation at which the condition stopped holding (reset
///   when it holds again), then → `resolved` (the acknowledgement is
///   cleared). This is Prometheus' `AlertingRule.Eval` (rules/alerting.go,
///   2.42+: `KeepFiringSince`): a dip exactly as long as `keep_firing_for`
///   keeps the alert firing. Resolved instances are dropped
///   ``resolvedRetentionMs`` after resolving (Alertmanager's resolve display).
/// - no data: as the rule's ``AlertRule/noData`` policy says
///   (``AlertNoDataPolicy``). The default, `resolve` (Prometheus), is like
///   false for a firing instance (it keeps firing through `keep_firing_for`,
///   then → `resolved`); any other state → `nodata`, shown but never
///   notifying. `ok` is false throughout; `nodata` ends a firing instance in
///   `nodata` instead of `resolved`; `keep_last` leaves the state as it was.
///
/// A series without data that has no instance yet is absent, not `nodata`
/// (Prometheus: no sample, no result, inactive): a rule shows one `nodata`
/// instance only when none of its series has data (`outcome(of:source:at:)`),
/// so a round over ten thousand series makes at most one per rule.
///
/// Instances of a rule whose series vanished read as no data; vanished
/// no-data instances are dropped, and pending ones too (as Prometheus
/// deletes them) unless the policy is `keep_last`. A value type:
/// restore it from persisted instances (``init(rules:restoring:)``) and a
/// firing alert keeps firing with its original `activeAt` / `firedAt`.
public struct AlertEvaluator: Sendable {
  /// The rules evaluated.
  public private(set) var rules: [AlertRule]
  /// Instances by fingerprint.
  public private(set) var instances: [String: AlertInstance] = [:]
  /// How long a resolved instance is kept for display, ms (default 15 min).
  public var resolvedRetentionMs: Int64 = 15 * 60_000

  /// Creates an evaluator, restoring `instances` (e.g. from the registry
  /// store); restored instances of rules not in `rules` are dropped.
  public init(rules: [AlertRule], restoring instances: [AlertInstance] = []) {
    self.rules = rules
    let names = Set(rules.map { "\($0.group)\u{0}\($0.name)" })
    for i in instances where names.contains("\(i.group)\u{0}\(i.ruleName)") {
      self.instances[i.fingerprint] = i
    }
  }

  /// Replaces the rules (a reloaded rules file); instances of rules that
  /// remain (same group and name) keep their state.
  public mutating func replaceRules(_ rules: [AlertRule]) {
    self = AlertEvaluator(rules: rules, restoring: Array(instances.values))
  }

  /// Instances sorted by state (firing first), severity, name, fingerprint.
  public var sortedInstances: [AlertInstance] {
    instances.values.sorted {
      ($0.state.rank, $0.severity ?? "~", $0.ruleName, $0.fingerprint)
        < ($1.state.rank, $1.severity ?? "~", $1.ruleName, $1.fingerprint)
    }
  }

  /// Evaluates the rules at `now` against `source` (only those of `groups`
  /// when given), applies `silences` to every instance, and returns the
  /// transitions in rule order.
  public mutating func evaluate(
    at now: Timestamp, source: any AlertDataSource, silences: [AlertSilence] = [], groups: Set<String>? = nil
  ) -> [AlertTransition] {
    var out: [AlertTransition] = []
    var seen: Set<String> = []
    let before = instances
    for rule in rules where groups?.contains(rule.group) ?? true {
      for (series, labels, fp) in outcome(of: rule, source: source, at: now) {
        guard seen.insert(fp).inserted else { continue }
        let existing =
          instances[fp]
          ?? AlertInstance(
            ruleName: rule.name, group: rule.group, labels: labels, annotations: rule.annotations)
        var next = existing
        next.annotations = rule.annotations
        next.value = series.value
        next.samples = series.samples
        if let t = step(&next, rule: rule, truth: series.truth, now: now, isNew: instances[fp] == nil) {
          out.append(t)
        }
      }
    }
    // Instances no rule produced this time (their series vanished) read as
    // no data, under the rule of their group and name whose labels they carry.
    for (fp, existing) in before.sorted(by: { $0.key < $1.key })
    where !seen.contains(fp) && (groups?.contains(existing.group) ?? true) {
      guard
        let rule = rules.first(where: { r in
          r.group == existing.group && r.name == existing.ruleName
            && r.labels.allSatisfy { existing.labels[$0.key] == $0.value }
        })
      else { continue }
      var next = existing
      next.value = nil
      next.samples = 0
      if existing.state == .nodata || (existing.state == .pending && rule.noData != .keepLast) {
        // Nothing to keep: e.g. the no-data placeholder of a rule whose
        // series have appeared under their own labels.
        next.state = .inactive
        next.evaluatedAt = now
        instances[fp] = nil
        out.append(AlertTransition(from: existing.state, instance: next, at: now))
        continue
      }
      if let t = step(&next, rule: rule, truth: .noData, now: now, isNew: false) { out.append(t) }
    }
    let active = silences.filter { $0.isActive(at: now) }
    for (fp, instance) in instances {
      instances[fp]?.silencedBy = active.filter { $0.matches(instance.labels) }.map(\.id).sorted()
    }
    return out
  }

  /// The series of `rule` at `now` that become instances this evaluation,
  /// each with its instance labels (the series', the rule's, `alertname`)
  /// and fingerprint.
  ///
  /// A series without data (no sample in its window) is absent, as in
  /// Prometheus (a range with no samples yields no result, and a rule with
  /// no result is inactive) and in Grafana (a missing series is not "No
  /// Data"), unless it has an instance already (pending, firing, resolved,
  /// no data): that instance moves on under the rule's ``AlertRule/noData``
  /// policy. Only when none of the rule's series has data (and none has an
  /// instance) does the rule show one no-data instance, Grafana's "No Data"
  /// for a query that returns nothing: labelled with the labels every one
  /// of its series shares (`artefact="x"` for `error_rate{artefact="x"}`,
  /// the selector's equality matchers when no series is known). So a round
  /// makes at most one no-data instance per rule, whatever the series count.
  func outcome(of rule: AlertRule, source: any AlertDataSource, at now: Timestamp)
    -> [(series: Series, labels: [String: String], fingerprint: String)]
  {
    func instanceLabels(_ series: [String: String]) -> [String: String] {
      var labels = series
      for (k, v) in rule.labels { labels[k] = v }
      labels["alertname"] = rule.name
      return labels
    }
    var out: [(series: Series, labels: [String: String], fingerprint: String)] = []
    var noData: [Series] = []
    var anyData = false
    var anyKnown = false
    for series in AlertEvaluator.evaluate(rule.expression, source: source, at: now) {
      if series.truth != .noData { anyData = true }
      let labels = instanceLabels(series.labels)
      let fp = AlertInstance.fingerprint(group: rule.group, labels: labels)
      if series.truth == .noData && instances[fp] == nil {
        noData.append(series)
        continue
      }
      if series.truth == .noData { anyKnown = true }
      out.append((series, labels, fp))
    }
    if !anyData && !anyKnown {
      var shared = noData.first?.labels ?? [:]
      for series in noData.dropFirst() where !shared.isEmpty {
        shared = shared.filter { series.labels[$0.key] == $0.value }
      }
      let labels = instanceLabels(shared)
      out.append(
        (
          Series(labels: shared, truth: .noData, value: nil, samples: 0), labels,
          AlertInstance.fingerprint(group: rule.group, labels: labels)
        ))
    }
    return out
  }

  /// Moves `instance` one evaluation on; stores it (or drops it) and
  /// returns the transition when the state changed.
  private mutating func step(
    _ instance: inout AlertInstance, rule: AlertRule, truth: AlertTruth, now: Timestamp, isNew: Bool
  ) -> AlertTransition? {
    let before = instance.state
    instance.evaluatedAt = now
    var truth = truth
    if truth == .noData {
      switch rule.noData {
      case .resolve, .nodata: break
      case .ok: truth = .fails
      case .keepLast:
        // Nothing known: nothing changes (a new instance stays inactive, unseen).
        guard !isNew, before != .inactive else { return nil }
        instances[instance.fingerprint] = instance
        return nil
      }
    }
    switch truth {
    case .holds:
      instance.lastTrueAt = now
      instance.keepFiringSince = nil
      switch before {
      case .inactive, .resolved, .nodata:
        instance.activeAt = now
        instance.resolvedAt = nil
        instance.firedAt = nil
        if rule.forMs == 0 {
          instance.state = .firing
          instance.firedAt = now
        } else {
          instance.state = .pending
        }
      case .pending:
        if let a = instance.activeAt, now.milliseconds(since: a) >= rule.forMs {
          instance.state = .firing
          instance.firedAt = now
        }
      case .firing: break
      }
    case .fails, .noData:
      let quiet: AlertState = truth == .fails ? .inactive : .nodata
      switch before {
      case .firing:
        // Counted from the first evaluation where the condition stopped holding.
        let since = instance.keepFiringSince ?? now
        instance.keepFiringSince = since
        if now.milliseconds(since: since) >= rule.keepFiringForMs {
          instance.state = truth == .fails || rule.noData == .resolve ? .resolved : .nodata
          instance.keepFiringSince = nil
          instance.resolvedAt = now
          instance.acknowledgedBy = nil
          instance.acknowledgedAt = nil
          instance.acknowledgeComment = nil
        }
      case .pending, .inactive, .nodata:
        instance.state = quiet
        instance.activeAt = nil
      case .resolved:
        if let r = instance.resolvedAt, now.milliseconds(since: r) >= resolvedRetentionMs {
          instance.state = quiet
        }
      }
    }
    // Drop quiet instances: resolved ones past retention, and inactive ones.
    if instance.state == .inactive {
      instances[instance.fingerprint] = nil
      if isNew || before == .inactive { return nil }
      return AlertTransition(from: before, instance: instance, at: now)
    }
    instances[instance.fingerprint] = instance
    if isNew { return AlertTransition(from: nil, instance: instance, at: now) }
    return before == instance.state ? nil : AlertTransition(from: before, instance: instance, at: now)
  }

  /// Records an acknowledgement on a firing instance (e.g. one read back
  /// from the store). Ignored unless the instance is firing.
  public mutating func acknowledge(fingerprint: String, by: String, at: Timestamp, comment: String) {
    guard instances[fingerprint]?.state == .firing else { return }
    instances[fingerprint]?.acknowledgedBy = by
    instances[fingerprint]?.acknowledgedAt = at
    instances[fingerprint]?.acknowledgeComment = comment
  }

  /// Takes the acknowledgements of `stored` instances (another process or
  /// the CLI acknowledged them) into the matching firing instances.
  public mutating func mergeAcknowledgements(from stored: [AlertInstance]) {
    for s in stored {
      guard let by = s.acknowledgedBy, let at = s.acknowledgedAt else { continue }
      acknowledge(fingerprint: s.fingerprint, by: by, at: at, comment: s.acknowledgeComment ?? "")
    }
  }

  // MARK: Expression evaluation

  /// One output series of an expression: labels, truth, the left-most
  /// condition's value and samples.
  struct Series {
    var labels: [String: String]
    var truth: AlertTruth
    var value: Double?
    var samples: Int
  }

  /// The series `expression` yields at `at`. A condition whose selector
  /// matches no known series yields one no-data series labelled by its
  /// equality matchers (so a rule over a silent artefact shows `nodata`).
  /// `a and b` joins series agreeing on their common labels (labels merged):
  /// false if either is false, else no data if either has none, else true;
  /// a series without partner is no data. `a or b` joins the same way: true
  /// if either is true, else no data if either has none, else false; series
  /// without partner are kept as they are.
  static func evaluate(_ expression: AlertExpression, source: any AlertDataSource, at: Timestamp) -> [Series]
  {
    switch expression {
    case .condition(let c):
      var sets = source.series(for: c)
      if sets.isEmpty {
        var l: [String: String] = [:]
        for m in c.matchers where m.op == .equal && c.splitLabels.contains(m.name) { l[m.name] = m.value }
        sets = [l]
      }
      return sets.map { labels in
        let selector =
          c.matchers
          + labels.sorted { $0.key < $1.key }.map {
            AlertLabelMatcher(name: $0.key, op: .equal, value: $0.value)
          }
        let sample = source.value(c.metric, selector: selector, windowMs: c.windowMs, at: at)
        guard let v = sample.number else {
          return Series(labels: labels, truth: .noData, value: nil, samples: 0)
        }
        return Series(
          labels: labels, truth: c.comparison.holds(v, c.threshold) ? .holds : .fails, value: v,
          samples: sample.samples)
      }
    case .and(let l, let r):
      return join(evaluate(l, source: source, at: at), evaluate(r, source: source, at: at), and: true)
    case .or(let l, let r):
      return join(evaluate(l, source: source, at: at), evaluate(r, source: source, at: at), and: false)
    }
  }

  private static func compatible(_ a: [String: String], _ b: [String: String]) -> Bool {
    a.allSatisfy { k, v in b[k].map { $0 == v } ?? true }
  }

  private static func join(_ left: [Series], _ right: [Series], and: Bool) -> [Series] {
    var out: [Series] = []
    var rightUsed = Set<Int>()
    for l in left {
      var paired = false
      for (j, r) in right.enumerated() where compatible(l.labels, r.labels) {
        paired = true
        rightUsed.insert(j)
        let truth: AlertTruth
        if and {
          truth =
            l.truth == .fails || r.truth == .fails
            ? .fails : (l.truth == .noData || r.truth == .noData ? .noData : .holds)
        } else {
          truth =
            l.truth == .holds || r.truth == .holds
            ? .holds : (l.truth == .noData || r.truth == .noData ? .noData : .fails)
        }
        let first = l.value != nil ? l : r
        out.append(
          Series(
            labels: l.labels.merging(r.labels) { a, _ in a }, truth: truth, value: first.value,
            samples: first.samples))
      }
      if !paired {
        out.append(and ? Series(labels: l.labels, truth: .noData, value: l.value, samples: l.samples) : l)
      }
    }
    if !and {
      for (j, r) in right.enumerated() where !rightUsed.contains(j) { out.append(r) }
    }
    // Two pairs may merge to one label set: keep the first of each.
    var seen: Set<[String: String]> = []
    return out.filter { seen.insert($0.labels).inserted }
  }
}
