import ArgumentParser

/// `flightdeck store`: move a workspace's store between backends.
struct StoreGroupCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "store",
    abstract: "Move a workspace's store from one backend to another.",
    subcommands: [StoreMigrateCommand.self])
}
