/// The bounds of every duration, interval, weight and count option of the
/// `flightdeck` commands, and their parsing: one place, so a value means the
/// same wherever it is given and every refusal names the option, the value
/// and the bound (issue 11: `alerts eval --interval 1ms` was accepted and
/// took 13.6 s per minute of data; `silence add --for` and `rollout start
/// --pause` of absurd lengths printed year 275817; `whatif --weight 0x10`
/// was read as 16 % and `approve REQ-+1` as REQ-1).
///
/// Each bound is what a user of the field expects, and never more than the
/// store and the clock can represent: Prometheus evaluates rules every
/// second at the most often; a silence lasts at most a year; a weight is a
/// percentage; a count is at least 1 and small enough to be served. Options
/// that mirror a configuration key take that key's bound
/// (``FlightDeckConfiguration/Bounds``). The table is in the Configuration
/// article, "Command-line bounds".
///
/// Numbers are **strict decimals**: digits, and for a fraction one `.` and
/// more digits; no sign, no `+`, no hexadecimal (`0x10`), no exponent
/// (`1e2`), no `inf`/`nan`, no spaces or underscores. Swift's `Int(_:)`
/// accepts `+1` and `Double(_:)` accepts `0x10` and `inf`, so neither is
/// used on a command-line value before it passes this grammar.
public enum OptionBounds {
  /// A duration option's range in ms (inclusive); the syntax is always
  /// FlightDeck's one duration grammar (``DurationText``).
  public struct Duration: Sendable, Equatable {
    /// Inclusive range in ms.
    public var range: ClosedRange<Int64>

    /// A range in ms.
    public init(_ range: ClosedRange<Int64>) {
      self.range = range
    }
  }

  /// A decimal option's range and unit; either end may be exclusive
  /// ("more than 0", "less than 100").
  public struct Decimal: Sendable, Equatable {
    /// Smallest value (allowed unless `lowerExclusive`).
    public var lower: Double
    /// Whether `lower` itself is refused.
    public var lowerExclusive: Bool
    /// Largest value (allowed unless `upperExclusive`).
    public var upper: Double
    /// Whether `upper` itself is refused.
    public var upperExclusive: Bool
    /// The unit printed after the bounds, e.g. `" %"`, `" ms"`, or empty.
    public var unit: String

    /// From `lower` to `upper` in `unit`, each end inclusive unless said otherwise.
    public init(
      _ lower: Double, _ upper: Double, lowerExclusive: Bool = false, upperExclusive: Bool = false,
      unit: String = ""
    ) {
      self.lower = lower
      self.upper = upper
      self.lowerExclusive = lowerExclusive
      self.upperExclusive = upperExclusive
      self.unit = unit
    }

    /// Whether `value` lies in the range.
    public func contains(_ value: Double) -> Bool {
      (lowerExclusive ? value > lower : value >= lower) && (upperExclusive ? value < upper : value <= upper)
    }

    /// `between 0 and 100 %`, `more than 0 and at most 10000`, `more than 0 and less than 100 %`.
    public var text: String {
      let low = "\(Self.number(lower))\(unit)"
      let high = "\(Self.number(upper))\(unit)"
      switch (lowerExclusive, upperExclusive) {
      case (false, false): return "between \(low) and \(high)"
      case (true, false): return "more than \(low) and at most \(high)"
      case (false, true): return "at least \(low) and less than \(high)"
      case (true, true): return "more than \(low) and less than \(high)"
      }
    }

    /// `100` rather than `100.0`; fractions as Swift prints them.
    static func number(_ v: Double) -> String {
      v == v.rounded() && abs(v) < 1e15 ? String(Int64(v)) : String(v)
    }
  }

  // MARK: Durations

  /// `alerts eval --interval`: 1 s to 1 h, as `[alerts] evaluation_interval`
  /// (Prometheus' `evaluation_interval` is in seconds; below 1 s the replay
  /// evaluates every rule thousands of times per minute of data).
  public static let evaluationInterval = Duration(FlightDeckConfiguration.Bounds.evaluationIntervalMs)
  /// `silence add --for`: 1 s to 1 year (365 d).
  public static let silenceLength = Duration(1000...365 * 86_400_000)
  /// `--window` of the live commands (`dashboard`, `render`, `whatif`): 10 s
  /// to 31 days, as the configuration's `window`.
  public static let metricsWindow = Duration(FlightDeckConfiguration.Bounds.windowMs)
  /// `--since` of the live commands: 1 ms to 366 days, as the configuration's `since`.
  public static let history = Duration(FlightDeckConfiguration.Bounds.sinceMs)
  /// `analysis show --window`, `rollout drive --window`: 1 s to 31 days.
  public static let analysisWindow = Duration(1000...EngineOptions.maximumWindowMs)
  /// `rollout drive --interval` (real time between two steps): 100 ms to 1 h.
  public static let driveInterval = Duration(100...3_600_000)
  /// `serve --heartbeat` (the controller lease's renewal interval): 100 ms to 1 min.
  public static let leaseHeartbeat = Duration(100...60_000)
  /// `serve --lease-ttl` (how long the controller lease lasts unrenewed): 1 s to 10 min.
  public static let leaseTTL = Duration(1000...600_000)
  /// `rollout start --pause`: 1 s to 31 days per step.
  public static let rolloutPause = Duration(1000...31 * 86_400_000)
  /// `rollout start --analysis-interval`: 1 s to 24 h per measurement.
  public static let analysisInterval = Duration(1000...86_400_000)
  /// `incident show --lead`, `retro --lead`, `dashboard --replay-lead`: 0 to 31 days.
  public static let timelineLead = Duration(0...31 * 86_400_000)
  /// `retro --baseline`: 1 s to 31 days.
  public static let retroBaseline = Duration(1000...31 * 86_400_000)
  /// `retro --slo-period`: 1 h to 365 days, as `[[slo]] period`.
  public static let sloPeriod = Duration(FlightDeckConfiguration.Bounds.sloPeriodMs)
  /// `kpi --since`: 1 minute to 366 days.
  public static let kpiPeriod = Duration(60_000...366 * 86_400_000)
  /// `simulate --duration`: 1 ms to 31 days of virtual time.
  public static let simulationLength = Duration(1...31 * 86_400_000)

  // MARK: Counts

  /// `requests --limit`, `incident list --limit`: 1 to 100 000 rows.
  public static let listLimit: ClosedRange<Int> = 1...100_000
  /// `replay --threads`: 1 to 256.
  public static let threads: ClosedRange<Int> = 1...256
  /// `rollout start --analysis-count`: 1 to 10 000 measurements.
  public static let analysisCount: ClosedRange<Int> = 1...10_000
  /// `rollout start --failure-limit`, `--inconclusive-limit`: 0 to 10 000.
  public static let measurementLimit: ClosedRange<Int> = 0...10_000
  /// `whatif --min-requests`: 1 to 1 000 000 000 per leg.
  public static let minimumRequests: ClosedRange<Int> = 1...1_000_000_000
  /// `simulate --keep`: 1 to 1 000 rotated files.
  public static let rotatedFiles: ClosedRange<Int> = 1...1000
  /// `simulate --rotate-bytes`: 1 KiB to 1 TiB.
  public static let rotateBytes: ClosedRange<Int> = 1024...(1 << 40)
  /// `render --width`, `--height`: 1 to 1000 cells.
  public static let frameSize: ClosedRange<Int> = 1...1000
  /// `rollout start --steps`: each weight 1 to 100 %.
  public static let stepWeight: ClosedRange<Int> = 1...100

  // MARK: Decimals

  /// `whatif --weight`: 0 to 100 %.
  public static let weight = Decimal(0, 100, unit: " %")
  /// `rollout start --mirror`: a fraction 0 to 1.
  public static let mirrorFraction = Decimal(0, 1)
  /// `retro --slo-objective`: more than 0 and below 100 % (a 100 % objective
  /// has no error budget to burn).
  public static let sloObjective = Decimal(0, 100, lowerExclusive: true, upperExclusive: true, unit: " %")
  /// `kpi --latency-threshold-ms`: more than 0 up to 24 h in ms, as `[[slo]] threshold_ms`.
  public static let latencyThreshold = Decimal(0, 86_400_000, lowerExclusive: true, unit: " ms")
  /// `dashboard --speed` (replay): more than 0 up to 10 000 × real time.
  public static let replaySpeed = Decimal(0, 10_000, lowerExclusive: true)
  /// `simulate --speed`: more than 0 up to 100 000 × real time.
  public static let simulationSpeed = Decimal(0, 100_000, lowerExclusive: true)
  /// `simulate --rate`: more than 0 up to 100 000 requests per second.
  public static let simulationRate = Decimal(0, 100_000, lowerExclusive: true, unit: " req/s")
}
