import ArgumentParser
import FlightDeckCore

/// `flightdeck silence expire ID`.
struct SilenceExpireCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "expire",
    abstract: "End a silence now.",
    discussion: "Exit codes: 0 expired; 1 unknown or already ended; 64 bad arguments.")

  @OptionGroup var options: RegistryOptions

  @Argument(help: "The silence: SIL-3 or 3.")
  var id: String

  func run() throws {
    let number = try OptionValue.check {
      try OptionBounds.identifier(id, prefix: "SIL", noun: "silence", option: nil)
    }
    try RegistryCLI.run {
      let context = try RegistryContext(options)
      let store = try context.open()
      RegistryCLI.report(try context.perform(.expireSilence(id: number), on: store), json: context.json)
    }
  }
}
