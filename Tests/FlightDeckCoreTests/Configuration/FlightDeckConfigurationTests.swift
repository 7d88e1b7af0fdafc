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
}
