import ArgumentParser

/// `flightdeck analysis`: canary analysis commands.
struct AnalysisGroupCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "analysis",
    abstract: "Judge a canary or shadow against its stable version (Kayenta-style, with reasons).",
    subcommands: [AnalysisShowCommand.self])
}
