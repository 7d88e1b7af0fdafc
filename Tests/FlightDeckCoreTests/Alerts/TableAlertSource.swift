@testable import FlightDeckCore

/// A hand-set ``AlertDataSource`` for state-machine tests: per metric, a
/// sample per artefact (key `""` for metrics without labels). An artefact
/// missing from the table has no series at all; matchers on labels other
/// than `artefact` are not applied (every artefact has every route).
struct TableAlertSource: AlertDataSource {
  var values: [AlertMetric: [String: AlertSample]] = [:]

  /// Sets `metric` of `artefact` to `value` (or no data when `nil`).
  mutating func set(_ metric: AlertMetric, _ artefact: String, _ value: Double?) {
    values[metric, default: [:]][artefact] = value.map { .value($0, samples: 10) } ?? .noData
  }

  func series(for condition: AlertCondition) -> [[String: String]] {
    guard condition.metric != .ingestErrors else { return values[.ingestErrors] == nil ? [] : [[:]] }
    return (values[condition.metric] ?? [:]).keys.sorted().map { ["artefact": $0] }
      .filter { l in condition.matchers.filter { $0.name == "artefact" }.allSatisfy { $0.matches(l) } }
  }

  func value(_ metric: AlertMetric, selector: [AlertLabelMatcher], windowMs: Int64, at: Timestamp)
    -> AlertSample
  {
    let artefact = selector.first { $0.name == "artefact" && $0.op == .equal }?.value ?? ""
    return values[metric]?[artefact] ?? .noData
  }
}
