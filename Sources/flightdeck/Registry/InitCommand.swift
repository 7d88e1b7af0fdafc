import ArgumentParser
import FlightDeckCore
import Foundation

/// `flightdeck init`: create the registry workspace.
struct InitCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "init",
    abstract: "Create the registry workspace (default ./.flightdeck) and its database.",
    discussion: """
      Creates the folder and an empty registry whose audit log starts with workspace.init, then records \
      the configuration in force (config.apply). Running it again on an existing workspace changes \
      nothing and says so (exit 0).
      --json: {"workspace":DIR,"database":PATH,"created":true|false}.
      Exit codes: 0 created or already there; 1 refused (read-only folder, a file in the way, a damaged \
      or newer database): `error: …` on stderr; 64 bad arguments.
      """)

  @OptionGroup var options: RegistryOptions

  func run() throws {
    try RegistryCLI.run {
      let context = try RegistryContext(options)
      let ws = context.workspace
      let existed = try ws.storeExists(backends: .cli)
      let store: any RegistryStore =
        existed
        ? try ws.open(clock: context.clock, policy: context.configuration.riskPolicy, backends: .cli)
        : try ws.create(
          clock: context.clock, policy: context.configuration.riskPolicy, actor: context.identity,
          backends: .cli)
      let database = ws.storeFiles(backends: .cli).first ?? ws.storeLocation.description
      if !existed { try context.applyConfiguration(on: store, force: true) }
      if context.json {
        RegistryCLI.printJSON(
          .object([
            "workspace": .string(ws.directory), "database": .string(database),
            "created": .bool(!existed),
          ]))
      } else if existed {
        RegistryCLI.say("workspace already exists at \(ws.directory) (\(database)); nothing changed")
      } else {
        let actor = try store.authenticatedActor()?.name ?? context.identity.name
        RegistryCLI.say("created workspace \(ws.directory) (\(database)) as \(actor)")
      }
    }
  }
}
