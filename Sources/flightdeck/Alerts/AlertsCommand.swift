import ArgumentParser

/// `flightdeck alerts`: alert instances in the workspace.
struct AlertsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "alerts",
    abstract: "List, acknowledge and replay alerts.",
    discussion: """
      Alert instances are evaluated by the dashboard on its clock and kept in the workspace with \
      their state (pending, firing, resolved, nodata), start time and acknowledgement. Firing and \
      resolving are audited (alert.firing, alert.resolved), as are acknowledgements (alert.acknowledge).
      """,
    subcommands: [AlertsListCommand.self, AlertsAckCommand.self, AlertsEvalCommand.self],
    defaultSubcommand: AlertsListCommand.self)
}
