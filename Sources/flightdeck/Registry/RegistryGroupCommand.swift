import ArgumentParser

/// `flightdeck registry`: list, show, register and import artefacts and versions.
struct RegistryGroupCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "registry",
    abstract: "List, show, register and import artefacts and their versions.",
    subcommands: [
      RegistryListCommand.self, RegistryShowCommand.self, RegistryRegisterCommand.self,
      RegistryImportCommand.self,
    ])
}
