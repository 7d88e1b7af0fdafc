import FlightDeckCore
import Testing

/// Every number of the configuration file is bounded (issue 11:
/// `max_line_bytes = 36854775807` aborted on allocation).
@Suite struct ConfigurationBoundsTests {
  /// (file text, key at fault, its line, the reason), one value just past each end.
  static let outOfRange: [(String, String, Int, String)] = [
    (
      "max_line_bytes = 36854775807\n", "max_line_bytes", 1,
      "must be between 1024 and 67108864 (1 KiB and 64 MiB)"
    ),
    (
      "max_line_bytes = 9223372036854775807\n", "max_line_bytes", 1,
      "must be between 1024 and 67108864 (1 KiB and 64 MiB)"
    ),
    (
      "max_line_bytes = 67108865\n", "max_line_bytes", 1,
      "must be between 1024 and 67108864 (1 KiB and 64 MiB)"
    ),
    ("max_line_bytes = 1023\n", "max_line_bytes", 1, "must be between 1024 and 67108864 (1 KiB and 64 MiB)"),
    ("window = \"9s\"\n", "window", 1, "must be between \"10s\" and \"31d\""),
    // Too large to hold is out of range, as `--window 99999999999d` is on the command line.
    ("window = \"99999999999d\"\n", "window", 1, "must be between \"10s\" and \"31d\""),
    ("window = \"9x\"\n", "window", 1, "expected a duration string such as \"90s\", \"15m\" or \"1h\""),
    ("since = \"367d\"\n", "since", 1, "must be between \"1ms\" and \"366d\""),
    ("\npoll_interval = \"9ms\"\n", "poll_interval", 2, "must be between \"10ms\" and \"1m\""),
    ("poll_interval = \"61s\"\n", "poll_interval", 1, "must be between \"10ms\" and \"1m\""),
    ("[metrics]\nbucket = \"25h\"\n", "metrics.bucket", 2, "must be between \"1s\" and \"1d\""),
    ("[metrics]\nretention = \"745h\"\n", "metrics.retention", 2, "must be between \"1s\" and \"31d\""),
    (
      "[alerts]\nevaluation_interval = \"2h\"\n", "alerts.evaluation_interval", 2,
      "must be between \"1s\" and \"1h\""
    ),
    (
      "[policy]\nrequest_lifetime = \"366d\"\n", "policy.request_lifetime", 2,
      "must be between \"1m\" and \"365d\""
    ),
    ("[metrics]\nmax_series = 0\n", "metrics.max_series", 2, "must be between 1 and 1000000"),
    ("[metrics]\nmax_series = 1000001\n", "metrics.max_series", 2, "must be between 1 and 1000000"),
    ("[metrics]\nmax_series = \"many\"\n", "metrics.max_series", 2, "expected an integer number of series"),
    ("[policy.high]\napprovals = 11\n", "policy.high.approvals", 2, "must be between 0 and 10"),
    ("[policy.high]\napprovals = -1\n", "policy.high.approvals", 2, "must be between 0 and 10"),
  ]

  @Test(arguments: outOfRange.indices) func refusesAValueOutOfItsBounds(_ k: Int) {
    let (text, key, line, reason) = Self.outOfRange[k]
    do {
      _ = try FlightDeckConfiguration.parse(text, file: "fd.toml")
      Issue.record("accepted \(text.debugDescription)")
    } catch let e as ConfigurationError {
      #expect(e.key == key && e.line == line && e.reason == reason, "\(e)")
      #expect(e.description == "fd.toml:\(line): \(key): \(reason)")
    } catch {
      Issue.record("unexpected \(error)")
    }
  }

  @Test func acceptsTheBoundsThemselves() throws {
    let upper = try FlightDeckConfiguration.parse(
      """
      window = "744h"
      since = "366d"
      poll_interval = "1m"
      max_line_bytes = 67108864
      [metrics]
      bucket = "24h"
      retention = "744h"
      [alerts]
      evaluation_interval = "1h"
      [policy]
      request_lifetime = "365d"
      """, file: "fd.toml"
    ).engineOptions
    #expect(
      upper.maxLineBytes == 64 << 20 && upper.pollIntervalMs == 60_000 && upper.sinceMs == 366 * 86_400_000)
    #expect(upper.metrics.bucketWidthMs == 86_400_000 && upper.metrics.retentionMs == 744 * 3_600_000)
    let lower = try FlightDeckConfiguration.parse(
      "window = \"10s\"\nsince = \"1ms\"\npoll_interval = \"10ms\"\nmax_line_bytes = 1024\n", file: "fd.toml"
    ).engineOptions
    #expect(
      lower.maxLineBytes == 1024 && lower.pollIntervalMs == 10 && lower.sinceMs == 1
        && lower.windowMs == 10_000)
  }

  @Test func readsTheSeriesLimitAndItsBounds() throws {
    let set = try FlightDeckConfiguration.parse("[metrics]\nmax_series = 250\n", file: "fd.toml")
      .engineOptions
    #expect(set.maxSeries == 250)
    let upper = try FlightDeckConfiguration.parse("[metrics]\nmax_series = 1000000\n", file: "fd.toml")
    #expect(upper.engineOptions.maxSeries == 1_000_000)
    let lower = try FlightDeckConfiguration.parse("[metrics]\nmax_series = 1\n", file: "fd.toml")
    #expect(lower.engineOptions.maxSeries == 1)
    #expect(try FlightDeckConfiguration.parse("", file: "fd.toml").engineOptions.maxSeries == 100_000)
  }

  @Test func boundsSLOThresholdsAndPrices() {
    let slo = """
      [[slo]]
      name = "fast"
      artefact = "a"
      kind = "latency"
      objective = 99.0
      threshold_ms = 86400001
      """
    #expect(throws: ConfigurationError.self) { try FlightDeckConfiguration.parse(slo, file: "fd.toml") }
    #expect(throws: Never.self) {
      try FlightDeckConfiguration.parse(
        slo.replacingOccurrences(of: "86400001", with: "86400000"), file: "fd.toml")
    }
    let price = "[prices.\"m\"]\ninput_per_million = 100001\noutput_per_million = 1\n"
    #expect(throws: ConfigurationError.self) { try FlightDeckConfiguration.parse(price, file: "fd.toml") }
    #expect(throws: Never.self) {
      try FlightDeckConfiguration.parse(
        price.replacingOccurrences(of: "100001", with: "100000"), file: "fd.toml")
    }
  }
}
