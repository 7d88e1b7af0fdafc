import FlightDeckCore
import Prometheus
import Synchronization

/// The notification sender's work, counted since the process started for a
/// Prometheus scrape (`GET /metrics` of `flightdeck serve`), through
/// swift-server/swift-prometheus, from the sender's step reports:
/// - `flightdeck_notification_messages_total{receiver, outcome}`: messages
///   sent per receiver, `outcome` = `delivered` (the receiver took it),
///   `failed_attempt` (it failed and will be retried) or `dead_letter` (it
///   failed for the last allowed time) — one message is a batch of alerts or
///   one other event, so the counters count what receivers were sent;
/// - `flightdeck_notification_delivery_latency_seconds`: per event recorded
///   delivered, the time from the change that made it (the event's time) to
///   its delivery, seconds (histogram, ``latencyBucketsSeconds``) — Alertmanager's
///   `group_wait` and every retry's backoff are in it.
///
/// Only the lease holder sends, so a standby's counters stay at 0; they are
/// not reset at a takeover (a sender's messages are not counted twice: each
/// is counted by the process that sent it). The outbox's depth is a gauge
/// read from the store at each scrape (``ControllerStateMetrics``).
/// Feed it as ``NotificationControllerWork``'s ``NotificationStepObserver``;
/// ``exposition()`` may be called from any thread.
public final class NotificationPrometheusMetrics: NotificationStepObserver {
  /// The delivery latency histogram's upper bounds, seconds: from a direct
  /// event (well under a second) past Alertmanager's default `group_wait`
  /// (30 s) and `group_interval` (5 min) to an hour of retries.
  public static let latencyBucketsSeconds: [Double] = [
    0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1_800, 3_600,
  ]

  /// The registry the exposition is rendered from.
  public let registry = PrometheusCollectorRegistry()
  private let latency: ValueHistogram
  private let messages = Mutex<[NotificationMessageOutcome: Counter]>([:])

  /// Metrics with nothing counted (the histogram exposed empty).
  public init() {
    latency = registry.makeValueHistogram(
      descriptor: TelemetryPrometheusMetrics.name(
        "notification_delivery_latency", "seconds", "Time from an event to its delivery, seconds"),
      labels: [], buckets: Self.latencyBucketsSeconds)
  }

  /// Counts one step's messages and delivered events (see ``NotificationStepObserver``).
  public func stepFinished(_ report: NotificationSender.StepReport) {
    for outcome in report.messages { counter(outcome).increment() }
    for ms in report.deliveryLatenciesMs { latency.record(Double(ms) / 1_000) }
  }

  /// The exposition in the Prometheus text format (version 0.0.4), UTF-8.
  public func exposition() -> [UInt8] { registry.emitToBuffer() }

  private func counter(_ outcome: NotificationMessageOutcome) -> Counter {
    messages.withLock { map in
      if let c = map[outcome] { return c }
      let c = registry.makeCounter(
        descriptor: TelemetryPrometheusMetrics.name(
          "notification_messages", "total", "Notification messages by receiver and outcome"),
        labels: [("receiver", outcome.receiver), ("outcome", outcome.result.rawValue)])
      map[outcome] = c
      return c
    }
  }
}
