import Synchronization

/// The telemetry metrics `GET /metrics` serves, swapped at each lease
/// takeover: the engine a controller builds when it takes the lease reads
/// its files' recent tail again, so it counts into new
/// ``TelemetryPrometheusMetrics`` — to Prometheus a counter reset, which
/// `rate()` and `increase()` handle — rather than into the old ones twice.
/// Empty (no telemetry series) while the process is a standby.
public final class TelemetryMetricsSlot: Sendable {
  private let current = Mutex<TelemetryPrometheusMetrics?>(nil)

  /// An empty slot.
  public init() {}

  /// Puts new metrics in the slot and returns them (for the new engine's
  /// ``DashboardEngine/recordObserver``).
  public func replace() -> TelemetryPrometheusMetrics {
    let fresh = TelemetryPrometheusMetrics()
    current.withLock { $0 = fresh }
    return fresh
  }

  /// Empties the slot (the lease was lost or released).
  public func clear() { current.withLock { $0 = nil } }

  /// The exposition of the metrics in the slot; empty when there are none.
  public func exposition() -> [UInt8] { current.withLock { $0 }?.exposition() ?? [] }
}
