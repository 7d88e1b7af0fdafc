import FlightDeckCore
import Testing

@Suite struct FlightDeckConfigurationTests {
  @Test func appliesEveryKey() throws {
    let text = """
      window = "5m"
      since = "1h"
      format = "otlp"
      theme = "light"
      poll_interval = "100ms"
      max_line_bytes = 65536

      [metrics]
      bucket = "5s"
      retention = "2h"

      [otlp]
      artefact_attributes = ["app.model"]
      version_attributes = "app.version"
      default_route = "canary"
      default_kind = "agent"

      [prices."my-model"]
      input_per_million = 1.0
      output_per_million = 4.0
      """
    let c = try FlightDeckConfiguration.parse(text, file: "fd.toml")
    let o = c.engineOptions
    #expect(o.windowMs == 300_000)
    #expect(o.sinceMs == 3_600_000)
    #expect(o.format == .otlp)
    #expect(c.theme == "light")
    #expect(o.pollIntervalMs == 100)
    #expect(o.maxLineBytes == 65_536)
    #expect(o.metrics.bucketWidthMs == 5_000)
    #expect(o.metrics.retentionMs == 7_200_000)
    #expect(o.otlpMapping.artefactKeys == ["app.model"])
    #expect(o.otlpMapping.versionKeys == ["app.version"])
    #expect(o.otlpMapping.defaultRoute == .canary)
    #expect(o.otlpMapping.defaultKind == .agent)
    // 1000 input and 500 output tokens: 1000 * 1.0 / 1e6 + 500 * 4.0 / 1e6 = 0.003 USD.
    #expect(abs(o.prices.cost(model: "my-model", inputTokens: 1000, outputTokens: 500)! - 0.003) < 1e-15)
    // The bundled table is still there underneath.
    #expect(o.prices.price(for: "gpt-4o") != nil)
  }

  @Test func refusesUnknownKeysAndBadValuesNamingFileLineAndKey() {
    func error(_ text: String) -> ConfigurationError? {
      do {
        _ = try FlightDeckConfiguration.parse(text, file: "fd.toml")
        return nil
      } catch let e as ConfigurationError {
        return e
      } catch {
        return nil
      }
    }
    let typo = error("window = \"5m\"\nwindw = \"5m\"\n")
    #expect(typo?.key == "windw")
    #expect(typo?.line == 2)
    #expect(typo?.description.hasPrefix("fd.toml:2: windw: unknown key") == true)

    let badDuration = error("[metrics]\nbucket = \"soon\"\n")
    #expect(badDuration?.key == "metrics.bucket")
    #expect(badDuration?.line == 2)

    let smallWindow = error("window = \"1s\"\n")
    #expect(smallWindow?.key == "window")

    let badRoute = error("[otlp]\ndefault_route = \"blue\"\n")
    #expect(badRoute?.key == "otlp.default_route")

    let syntax = error("window = \n")
    #expect(syntax?.line == 1)

    let negativePrice = error("[prices.\"m\"]\ninput_per_million = -1\noutput_per_million = 1\n")
    #expect(negativePrice?.key?.contains("input_per_million") == true)
  }

  @Test func retentionGrowsToCoverTheWindow() throws {
    let c = try FlightDeckConfiguration.parse("window = \"2h\"\n", file: "fd.toml")
    #expect(c.engineOptions.metrics.retentionMs == 7_200_000)
  }

  @Test func longWindowsGetACoarserBucketUnlessOneIsSet() throws {
    // 2 h: 7 200 s / 360 = 20 s → 30 s buckets; retention follows the window.
    let two = try FlightDeckConfiguration.parse("window = \"2h\"\n", file: "fd.toml").engineOptions
    #expect(two.metrics.bucketWidthMs == 30_000)
    #expect(two.metrics.retentionMs == 7_200_000)
    #expect(!two.bucketWidthIsExplicit)
    // 31 days (the maximum): 2 678 400 s / 360 = 7 440 s → 6 h.
    let month = try FlightDeckConfiguration.parse("window = \"744h\"\n", file: "fd.toml").engineOptions
    #expect(month.metrics.bucketWidthMs == 21_600_000)
    #expect(month.metrics.retentionMs == 744 * 3_600_000)
    // 124 buckets of 6 h per series at most: 744 / 6 + 1 = 125 slots.
    #expect(month.metrics.bucketsPerSeries == 125)
    // An explicit bucket is kept.
    let explicit = try FlightDeckConfiguration.parse(
      "window = \"2h\"\n[metrics]\nbucket = \"10s\"\n", file: "fd.toml"
    ).engineOptions
    #expect(explicit.metrics.bucketWidthMs == 10_000)
    #expect(explicit.metrics.retentionMs == 7_200_000)
    // Up to 1 h nothing changes.
    let hour = try FlightDeckConfiguration.parse("window = \"1h\"\n", file: "fd.toml").engineOptions
    #expect(hour.metrics.bucketWidthMs == 10_000)
    #expect(hour.metrics.retentionMs == 3_600_000)
  }

  @Test func aWindowOver31DaysIsRefused() {
    do {
      _ = try FlightDeckConfiguration.parse("\nwindow = \"745h\"\n", file: "fd.toml")
      Issue.record("745h was accepted")
    } catch let e as ConfigurationError {
      #expect(e.key == "window")
      #expect(e.line == 2)
      #expect(e.reason == "must be between \"10s\" and \"31d\"")
    } catch {
      Issue.record("unexpected \(error)")
    }
  }

  @Test func refittingAfterAShorterWindowReturnsToTheDefaults() throws {
    // The command line's --window 15m over a file's 2 h window.
    var o = try FlightDeckConfiguration.parse("window = \"2h\"\n", file: "fd.toml").engineOptions
    o.windowMs = 15 * 60_000
    o.fitMetricsToWindow()
    #expect(o.metrics.bucketWidthMs == 10_000)
    #expect(o.metrics.retentionMs == 3_600_000)
    // An explicit retention longer than the window is kept.
    var r = try FlightDeckConfiguration.parse("[metrics]\nretention = \"3h\"\n", file: "fd.toml")
      .engineOptions
    r.windowMs = 2 * 3_600_000
    r.fitMetricsToWindow()
    #expect(r.metrics.bucketWidthMs == 30_000)
    #expect(r.metrics.retentionMs == 3 * 3_600_000)
  }

  @Test func aBucketTooFineForTheWindowIsRefused() {
    // 744 h of 1 s buckets = 2 678 400 buckets > 10 000.
    do {
      _ = try FlightDeckConfiguration.parse("window = \"744h\"\n[metrics]\nbucket = \"1s\"\n", file: "c.toml")
      Issue.record("accepted")
    } catch let e as ConfigurationError {
      #expect(e.key == "metrics.bucket")
      #expect(e.line == 3)
      #expect(e.reason.contains("2678400 buckets"))
    } catch {
      Issue.record("\(error)")
    }
    // 24 h of 10 s buckets = 8 640 buckets: accepted.
    #expect(
      (try? FlightDeckConfiguration.parse("window = \"24h\"\n[metrics]\nbucket = \"10s\"\n", file: "c.toml"))
        != nil)
  }

  @Test func durationsFormatAndParseDays() {
    #expect(DurationText.milliseconds("2d") == 172_800_000)
    #expect(DurationText.format(2_678_400_000) == "744h")
    #expect(DurationText.format(90_000) == "1m30s")
    #expect(DurationText.format(250) == "250ms")
  }
}
