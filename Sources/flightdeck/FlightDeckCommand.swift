import ArgumentParser
import FlightDeckCore
import Foundation

/// The `flightdeck` command line.
///
/// Exit codes: 0 success; 1 runtime failure (unreadable file, bad config,
/// terminal error) or, for the registry commands (`init`, `registry`,
/// `promote`, `approve`, `reject`, `cancel`, `rollback`, `requests`,
/// `history`, `audit`), a refusal or failure printed as `error: MESSAGE` on
/// stderr (including `audit verify` finding the log tampered); 64 bad
/// arguments (ArgumentParser's validation code); 128 + signal number after
/// SIGHUP (129) and SIGTERM (143); 130 after Ctrl-C.
@main
struct FlightDeckCommand: ParsableCommand {
  /// The release, printed by `flightdeck --version` (semantic versioning).
  static let version = "0.1.0"

  static let configuration = CommandConfiguration(
    commandName: "flightdeck",
    abstract: "A terminal dashboard for the lifecycle of models, prompts and agents.",
    discussion: """
      Tails FlightDeck JSON Lines and OpenTelemetry OTLP/JSON (GenAI) telemetry and shows live \
      latency, error rate, cost and canary splits in one screen.
      Start with `flightdeck demo`. Registry: `flightdeck init`, then `registry register`, `gate check`, \
      `promote`, `approve`, `rollback`, `history`, `audit verify`. Canary analysis: `analysis show`, \
      `whatif`. Rollouts: `rollout start`, `rollout status`, `rollout tick`, `rollout promote`, `rollout abort`.
      Exit codes: 0 ok; 1 failed or refused (`error: …` on stderr); 64 bad arguments; 129/130/143 after \
      SIGHUP/Ctrl-C/SIGTERM; `gate check` exits 2 when its input is unusable.
      """,
    version: version,
    subcommands: [
      DemoCommand.self, DashboardCommand.self, SimulateCommand.self, ReplayCommand.self,
      RenderCommand.self, InitCommand.self, InfoCommand.self, DoctorCommand.self, RegistryGroupCommand.self,
      PromoteCommand.self,
      ApproveCommand.self, RejectCommand.self, CancelCommand.self, RollbackCommand.self, RequestsCommand.self,
      HistoryCommand.self, AuditGroupCommand.self, StoreGroupCommand.self, AdminGroupCommand.self,
      AnalysisGroupCommand.self,
      GateGroupCommand.self,
      WhatIfCommand.self, RolloutGroupCommand.self, RulesGroupCommand.self, AlertsCommand.self,
      SilenceGroupCommand.self, IncidentGroupCommand.self, RetroCommand.self, KPICommand.self,
      ReceiveCommand.self, NotificationsGroupCommand.self, RoutingGroupCommand.self, ServeCommand.self,
    ])

  /// Parses the arguments and runs the chosen subcommand.
  ///
  /// Like ArgumentParser's own `main()`, except for a `ValidationError`
  /// thrown from a subcommand's `run()` (e.g. a bad `--since`, checked only
  /// once the configuration is loaded): ArgumentParser would print the root
  /// usage (`Usage: flightdeck <subcommand>`); this prints the subcommand's
  /// usage, as for an error from `validate()`, and exits 64. Error messages
  /// echo arguments (`--format $'x\e]0;PWN\a'`): every line of one is
  /// printed through ``TerminalText/sanitize(_:)`` (``exitSanitized(withError:)``).
  static func main() {
    var command: ParsableCommand
    do {
      command = try parseAsRoot()
    } catch {
      exitSanitized(withError: error)
    }
    // A command that follows a folder may follow thousands of files: lift
    // the soft open-file limit to the hard one first (the tailer then keeps
    // a reserve below it and says when files are left out).
    OpenFileLimit.raiseSoftToHard()
    do {
      try command.run()
    } catch let error as ValidationError {
      let sub = type(of: command)
      let name = sub.configuration.commandName ?? "\(sub)"
      let usage = usageString(for: sub)
      let text =
        "Error: \(TerminalText.sanitize(error.message))\nUsage: \(usage)\n  See 'flightdeck \(name) --help' "
        + "for more information.\n"
      FileHandle.standardError.write(Data(text.utf8))
      Foundation.exit(ExitCode.validationFailure.rawValue)
    } catch {
      exitSanitized(withError: error)
    }
  }

  /// ArgumentParser's `exit(withError:)` with the message made safe for a
  /// terminal: for a failure, each word of `fullMessage(for:)` longer than
  /// 80 characters (an echoed argument: `Invalid option: --xxx…`) is cut by
  /// ``RegistryNames/excerpt(_:)``, and each line goes through
  /// ``TerminalText/sanitize(_:)`` before it is written to stderr, so an
  /// argument holding ESC, C1 or bidi controls is shown as `\x1B…`, never
  /// obeyed. A clean exit (`--help`, `--version`, completion scripts: text
  /// FlightDeck wrote) is printed on stdout as is. Exits with `exitCode(for:)`.
  /// A refusal or failure (exit 1) reads `error: …`, as the commands'
  /// help promises and as `RegistryCLI` writes its own; ArgumentParser's
  /// `Error: ` stays on usage errors (exit 64), where its usage lines follow.
  static func exitSanitized(withError error: any Error) -> Never {
    let code = exitCode(for: error)
    var message = fullMessage(for: error)
    if code == .failure, message.hasPrefix("Error: ") { message = "error: " + message.dropFirst(7) }
    if code.isSuccess {
      if !message.isEmpty { print(message) }
    } else if !message.isEmpty {
      let safe = TerminalText.sanitizeLines(cuttingLongWords(message))
      FileHandle.standardError.write(Data((safe + "\n").utf8))
    }
    Foundation.exit(code.rawValue)
  }

  /// The longest word ``cuttingLongWords(_:)`` leaves whole: longer than
  /// any path a message names in practice (Linux's `PATH_MAX` is 4,096, but
  /// paths past a few hundred characters are rare), far shorter than the
  /// 5,000-character values ArgumentParser echoed.
  static let longestEchoedWord = 512

  /// `text` with every word (a run between spaces or line feeds) longer than
  /// ``longestEchoedWord`` cut by ``RegistryNames/excerpt(_:)``, unless it
  /// holds `…` (already cut by the command that refused it).
  static func cuttingLongWords(_ text: String) -> String {
    text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
      line.split(separator: " ", omittingEmptySubsequences: false).map { word in
        word.count > longestEchoedWord && !word.contains("…")
          ? RegistryNames.excerpt(String(word)) : String(word)
      }.joined(separator: " ")
    }.joined(separator: "\n")
  }
}
