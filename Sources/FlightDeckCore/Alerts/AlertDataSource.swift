/// Where the alert evaluator reads metric values: the live
/// ``MetricsStore`` (``MetricsStoreAlertSource``), or anything a test builds.
public protocol AlertDataSource {
  /// The label sets `condition` yields, split by
  /// ``AlertCondition/splitLabels`` (one per artefact, and per version /
  /// route when the selector names them; one per SLO for SLO metrics;
  /// one empty set for `ingest_errors`), each restricted to those labels.
  /// Empty when no known series matches.
  func series(for condition: AlertCondition) -> [[String: String]]

  /// The value of `metric` over the series matching every matcher of
  /// `selector`, merged, over `[at − windowMs, at)`.
  func value(_ metric: AlertMetric, selector: [AlertLabelMatcher], windowMs: Int64, at: Timestamp)
    -> AlertSample
}
