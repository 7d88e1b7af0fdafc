import ArgumentParser
import FlightDeckCore
import FlightDeckNetwork
import Foundation

/// `flightdeck notifications deliver`: the sender alone (what `serve` runs inside it).
struct NotificationsDeliverCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "deliver",
    abstract: "Send the outbox's notifications to the configured receivers until stopped.",
    discussion: """
      Needs --config with [notifications] (receivers and a route). Claims due events, groups alerts \
      (group_wait, group_interval, repeat_interval), POSTs each receiver's payload with an \
      Idempotency-Key, retries with backoff and Retry-After, and moves an event to dead after \
      max_attempts. Safe to run twice or to kill: a claimed event comes back after its claim ends, with \
      the same Idempotency-Key.
      Exit codes: 0 stopped (--once: one pass done); 1 no workspace, bad configuration or storage failure; \
      64 bad arguments; 130/143 after Ctrl-C/SIGTERM.
      """)

  @OptionGroup var options: RegistryOptions

  @Option(help: "How often to look for due events.")
  var poll: String = "1s"

  @Option(
    help:
      "The most events claimed per pass (a claim lasts batch × receivers × attempt_timeout + 5 s)."
  )
  var batch: Int = 10

  @Flag(help: "One pass, then exit (prints what it did).")
  var once = false

  func validate() throws {
    guard (1...1000).contains(batch) else { throw ValidationError("--batch: between 1 and 1000") }
  }

  func run() throws {
    let pollMs = try OptionValue.check {
      try OptionBounds.duration(poll, option: "--poll", bounds: .init(10...60_000))
    }
    try RegistryCLI.run {
      let context = try RegistryContext(options)
      let notifications = context.configuration.notifications
      guard notifications.route != nil else {
        throw CLIError("no [notifications] route in the configuration (--config FILE): nothing to deliver to")
      }
      let secrets = try NotificationSecrets.load(notifications, configFile: options.config ?? "")
      let store = try context.open()
      let outbox = try NotificationsOutbox.of(store)
      StopSignals.install()
      if !once {
        FileHandle.standardOutput.write(
          Data(
            "flightdeck notifications deliver: delivering to \(notifications.receivers.count) receiver(s)\n"
              .utf8))
      }
      let report = try NotificationDeliveryRunner.runBlocking(
        store: outbox, configuration: notifications, secrets: secrets, clock: context.clock,
        pollIntervalMs: pollMs, claimLimit: batch, once: once,
        onStep: { step in for e in step.storeErrors { RegistryCLI.warn(e) } },
        stopRequested: { StopSignals.received != 0 })
      if let report {
        RegistryCLI.print(
          "claimed \(report.claimed), sent \(report.sent), failed \(report.failed), delivered \(report.delivered), dead \(report.dead)"
        )
        for e in report.storeErrors { RegistryCLI.warn(e) }
      }
      let signal = StopSignals.received
      if signal != 0 { throw ExitCode(128 + signal) }
    }
  }
}
