import FlightDeckCore
import Prometheus
import Synchronization

/// The OTLP receiver's answers, counted since the process started for a
/// Prometheus scrape (`GET /metrics` of `flightdeck serve --otlp-listen`),
/// through swift-server/swift-prometheus — as the OpenTelemetry Collector
/// counts its receivers' `accepted_spans` and `refused_spans`:
/// - `flightdeck_otlp_requests_total{code}`: requests answered, by HTTP
///   status code (`200`, `400`, `401`, `404`, `405`, `413`, `415`, `429`,
///   `503`; the responder's answers only — a connection the server closes
///   for a slow or malformed head makes no request here);
/// - `flightdeck_otlp_accepted_spans_total`: spans of 200 answers that became
///   durable records;
/// - `flightdeck_otlp_rejected_spans_total`: spans of 200 answers rejected as
///   invalid (the response's `partial_success.rejected_spans`).
///
/// The receiver runs for the process's life (a standby receives too), so
/// these are never reset. Feed it as the receiver's
/// ``TelemetryReceiverObserver``; ``exposition()`` may be called from any thread.
public final class OTLPReceiverPrometheusMetrics: TelemetryReceiverObserver {
  /// The registry the exposition is rendered from.
  public let registry = PrometheusCollectorRegistry()
  private let accepted: Counter
  private let rejected: Counter
  private let requests = Mutex<[Int: Counter]>([:])

  /// Metrics with no request counted (the span counters exposed at 0).
  public init() {
    accepted = registry.makeCounter(
      descriptor: TelemetryPrometheusMetrics.name(
        "otlp_accepted_spans", "total", "Spans the OTLP receiver made durable as records"),
      labels: [])
    rejected = registry.makeCounter(
      descriptor: TelemetryPrometheusMetrics.name(
        "otlp_rejected_spans", "total", "Spans the OTLP receiver rejected as invalid (partial success)"),
      labels: [])
  }

  /// Counts one answer (see ``TelemetryReceiverObserver``).
  public func receiverAnswered(status: Int, acceptedSpans: Int, rejectedSpans: Int) {
    let counter = requests.withLock { map in
      if let c = map[status] { return c }
      let c = registry.makeCounter(
        descriptor: TelemetryPrometheusMetrics.name(
          "otlp_requests", "total", "OTLP/HTTP requests answered, by HTTP status code"),
        labels: [("code", String(status))])
      map[status] = c
      return c
    }
    counter.increment()
    if acceptedSpans > 0 { accepted.increment(by: Int64(acceptedSpans)) }
    if rejectedSpans > 0 { rejected.increment(by: Int64(rejectedSpans)) }
  }

  /// The exposition in the Prometheus text format (version 0.0.4), UTF-8.
  public func exposition() -> [UInt8] { registry.emitToBuffer() }
}
