import ArgumentParser
import FlightDeckCore

/// `flightdeck notifications retry ID`.
struct NotificationsRetryCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "retry",
    abstract: "Send a failed or dead notification again (its attempts start over).",
    discussion: """
      The next `notifications deliver` (or `serve`) pass sends it, with the same Idempotency-Key, to the \
      receivers that have not taken it yet.
      Exit codes: 0 queued; 1 unknown, delivered or pending; 64 bad arguments.
      """)

  @OptionGroup var options: RegistryOptions

  @Argument(help: "The notification: N-3 or 3.")
  var id: String

  func run() throws {
    let number = try OptionValue.check {
      try OptionBounds.identifier(id, prefix: "N", noun: "notification", option: nil)
    }
    try RegistryCLI.run {
      let context = try RegistryContext(options)
      let outbox = try NotificationsOutbox.of(try context.open())
      let entry = try outbox.retryNotification(id: number, at: context.clock.now())
      RegistryCLI.say(
        "\(entry.displayID) queued again (\(entry.event.kind.rawValue) \(entry.event.subject))")
    }
  }
}
