import ArgumentParser

/// `flightdeck silence`: mute matching alerts for a while.
struct SilenceGroupCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "silence",
    abstract: "Silence alerts by label matchers until a time (Alertmanager-style).",
    discussion: """
      A silenced alert is still evaluated and shown, but marked silenced and not counted as needing \
      attention. Silences are audited (silence.create, silence.expire) and drop away when they end.
      """,
    subcommands: [SilenceAddCommand.self, SilenceListCommand.self, SilenceExpireCommand.self])
}
