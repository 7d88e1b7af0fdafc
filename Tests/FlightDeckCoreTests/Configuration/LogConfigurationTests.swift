import FlightDeckCore
import Logging
import Testing

/// `[log]` and the level in force: `--log-level`, then
/// `$FLIGHTDECK_LOG_LEVEL`, then `[log] level`, then `info`.
@Suite struct LogConfigurationTests {
  @Test func parsesLevelAndFile() throws {
    let c = try FlightDeckConfiguration.parse(
      "[log]\nlevel = \"WARN\"\nfile = \"/var/log/fd.log\"\n", file: "fd.toml")
    #expect(c.log.level == .warning)
    #expect(c.log.file == "/var/log/fd.log")
    #expect(try FlightDeckConfiguration.parse("", file: "fd.toml").log == LogConfiguration())
  }

  @Test(arguments: [
    (
      "[log]\nlevel = \"loud\"\n",
      "fd.toml:2: log.level: expected one of trace, debug, info, notice, warning, error, critical"
    ),
    (
      "[log]\nlevel = 3\n",
      "fd.toml:2: log.level: expected one of trace, debug, info, notice, warning, error, critical"
    ),
    ("[log]\nfile = \"\"\n", "fd.toml:2: log.file: expected the path of the log file"),
    ("[log]\nformat = \"json\"\n", "fd.toml:2: log.format: unknown key (allowed: file, level)"),
    ("log = \"debug\"\n", "fd.toml:1: log: expected a table"),
  ])
  func refusesBadValuesWithFileLineAndKey(_ text: String, _ message: String) {
    #expect(throws: (any Error).self) { try FlightDeckConfiguration.parse(text, file: "fd.toml") }
    do {
      _ = try FlightDeckConfiguration.parse(text, file: "fd.toml")
    } catch {
      #expect("\(error)" == message)
    }
  }

  @Test func theOptionBeatsTheVariableWhichBeatsTheFile() throws {
    let file = LogConfiguration(level: .error)
    #expect(
      try file.resolveLevel(option: "debug", environment: ["FLIGHTDECK_LOG_LEVEL": "trace"]) == (
        .debug, .option
      ))
    #expect(
      try file.resolveLevel(option: nil, environment: ["FLIGHTDECK_LOG_LEVEL": "trace"]) == (
        .trace, .environment
      ))
    #expect(
      try file.resolveLevel(option: nil, environment: ["FLIGHTDECK_LOG_LEVEL": ""]) == (
        .error, .configuration
      ))
    #expect(try LogConfiguration().resolveLevel(option: nil, environment: [:]) == (.info, .default))
  }

  @Test func aBadVariableIsNamed() {
    do {
      _ = try LogConfiguration().resolveLevel(
        option: nil, environment: ["FLIGHTDECK_LOG_LEVEL": "verbose\u{1B}[2J"])
      Issue.record("expected an error")
    } catch {
      let text = "\(error)"
      #expect(text.hasPrefix("environment: FLIGHTDECK_LOG_LEVEL: 'verbose"))
      #expect(!text.contains("\u{1B}"))
      #expect(
        text.hasSuffix(
          "is not a log level (expected one of trace, debug, info, notice, warning, error, critical)"))
    }
  }
}
