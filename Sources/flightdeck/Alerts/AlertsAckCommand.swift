import ArgumentParser
import FlightDeckCore

/// `flightdeck alerts ack NAME-or-FINGERPRINT --comment …`.
struct AlertsAckCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "ack",
    abstract: "Acknowledge a firing alert (by fingerprint, or by name when one instance of it fires).",
    discussion: """
      Records who and when (audited as alert.acknowledge); the acknowledgement is cleared when the \
      alert resolves.
      Exit codes: 0 acknowledged; 1 unknown, ambiguous, not firing or already acknowledged; 64 bad arguments.
      """)

  @OptionGroup var options: RegistryOptions

  @Argument(help: "The alert's fingerprint, or its name.")
  var alert: String

  @Option(help: "Why / what you are doing about it.")
  var comment: String = ""

  func run() throws {
    try RegistryCLI.run {
      let context = try RegistryContext(options)
      let store = try context.open()
      let instances = try store.alertInstances()
      var fingerprint = alert
      if !instances.contains(where: { $0.fingerprint == alert }) {
        let named = instances.filter { $0.ruleName == alert && $0.state == .firing }
        guard named.count == 1, let only = named.first else {
          throw CLIError(
            named.isEmpty
              ? "no firing alert named or fingerprinted \(alert) (see `flightdeck alerts`)"
              : "\(named.count) instances of \(alert) are firing; give a fingerprint: "
                + named.map(\.fingerprint).joined(separator: ", "))
        }
        fingerprint = only.fingerprint
      }
      RegistryCLI.report(
        try context.perform(.acknowledgeAlert(fingerprint: fingerprint, comment: comment), on: store),
        json: context.json)
    }
  }
}
