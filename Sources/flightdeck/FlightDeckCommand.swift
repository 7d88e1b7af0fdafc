import ArgumentParser

/// The `flightdeck` command line.
///
/// Exit codes: 0 success; 1 runtime failure (unreadable file, bad config,
/// terminal error); 64 bad arguments (ArgumentParser's validation code);
/// 128 + signal number after SIGHUP (129) and SIGTERM (143); 130 after Ctrl-C.
@main
struct FlightDeckCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "flightdeck",
    abstract: "A terminal dashboard for the lifecycle of models, prompts and agents.",
    discussion: """
      Tails FlightDeck JSON Lines and OpenTelemetry OTLP/JSON (GenAI) telemetry and shows live \
      latency, error rate, cost and canary splits in one screen.
      Start with `flightdeck demo`.
      """,
    subcommands: [
      DemoCommand.self, DashboardCommand.self, SimulateCommand.self, ReplayCommand.self,
      RenderCommand.self,
    ])
}
