import ArgumentParser

/// `flightdeck admin`: set a team up on a shared store.
struct AdminGroupCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "admin",
    abstract: "Set a team up on a shared store (roles and grants).",
    subcommands: [AdminRolesCommand.self])
}
