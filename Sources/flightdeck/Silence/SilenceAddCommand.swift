import ArgumentParser
import FlightDeckCore

/// `flightdeck silence add --match 'artefact=support-bot' --for 2h --comment …`.
struct SilenceAddCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "add",
    abstract: "Create a silence from label matchers, for a duration.",
    discussion: """
      --match takes `label=value`, `label!=value`, `label=~regex` or `label!~regex` (repeatable; all \
      must match). Regular expressions use RE2 syntax and match the whole value.
      Exit codes: 0 created; 1 refused; 64 bad arguments.
      """)

  @OptionGroup var options: RegistryOptions

  @Option(name: .customLong("match"), help: "A label matcher (repeatable).")
  var matchers: [String] = []

  @Option(name: .customLong("for"), help: "How long, e.g. 30m, 2h, 1d (1s to 1y = 365d).")
  var duration: String

  @Option(help: "Why (required; recorded in the audit log).")
  var comment: String

  func validate() throws {
    guard !matchers.isEmpty else { throw ValidationError("give at least one --match label=value") }
    for m in matchers {
      do throws(AlertSilence.MatcherError) {
        _ = try AlertSilence.parseMatcherExplaining(m)
      } catch {
        throw ValidationError("--match '\(RegistryNames.excerpt(m))': \(error.reason)")
      }
    }
    _ = try OptionValue.duration(duration, "--for", OptionBounds.silenceLength)
  }

  func run() throws {
    try RegistryCLI.run {
      let context = try RegistryContext(options)
      let store = try context.open()
      let now = context.clock.now()
      let ms = DurationText.milliseconds(duration) ?? 0
      let parsed = matchers.compactMap(AlertSilence.parseMatcher)
      RegistryCLI.report(
        try context.perform(
          .createSilence(
            matchers: parsed, startsAt: now, endsAt: now.adding(milliseconds: ms), comment: comment),
          on: store),
        json: context.json)
    }
  }
}
