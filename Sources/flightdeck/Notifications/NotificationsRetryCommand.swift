import ArgumentParser
import FlightDeckCore

/// `flightdeck notifications retry ID`.
struct NotificationsRetryCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "retry",
    abstract: "Send a failed or dead notification again (its attempts start over).",
    discussion: """
      The next `notifications deliver` (or `serve`) pass sends it, with the same Idempotency-Key, to the \
      receivers whose delivery failed or is dead (only NAME's with --receiver); receivers that took it \
      are not sent it again. `notifications list` shows each receiver's delivery.
      Exit codes: 0 queued; 1 unknown, delivered or pending, or no failed or dead delivery to NAME; \
      64 bad arguments.
      """)

  @OptionGroup var options: RegistryOptions

  @Argument(help: "The notification: N-3 or 3.")
  var id: String

  @Option(help: "Only this receiver's delivery (its name in the configuration).")
  var receiver: String?

  /// Refuses a bad id before running, so the usage shown names this command
  /// (`flightdeck notifications retry`), not `flightdeck retry`.
  func validate() throws { _ = try number() }

  /// The id as a number.
  /// - Throws: `ValidationError` for an id that is not `N-12` or `12`.
  func number() throws -> Int64 {
    try OptionValue.check { try OptionBounds.identifier(id, prefix: "N", noun: "notification", option: nil) }
  }

  func run() throws {
    let number = try number()
    try RegistryCLI.run {
      let context = try RegistryContext(options)
      let outbox = try NotificationsOutbox.of(try context.open())
      let entry = try outbox.retryNotification(id: number, receiver: receiver, at: context.clock.now())
      let to = receiver.map { " to \($0)" } ?? ""
      RegistryCLI.say(
        "\(entry.displayID) queued again\(to) (\(entry.event.kind.rawValue) \(entry.event.subject))")
    }
  }
}
