import ArgumentParser
import FlightDeckCore
import FlightDeckNetwork
import FlightDeckTUI
import Foundation
import Logging

/// `flightdeck receive`: the OTLP/HTTP receiver without a screen, writing
/// what it accepts to the data folder.
struct ReceiveCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "receive",
    abstract: "Receive OTLP/HTTP traces and write them durably to a data folder (no screen).",
    discussion: """
      Accepts POST /v1/traces (and the Langfuse SDK's /api/public/otel/v1/traces) as \
      application/x-protobuf or application/json, gzip or not, maps GenAI spans as OTLP files are \
      mapped, and answers 200 only once the spans are written and fsynced to the data folder \
      (default <workspace>/telemetry, files received-*.jsonl). Point the dashboard or replay at the \
      folder. Binding to anything but loopback needs --token-file. Settings: the [receiver] table of \
      the configuration; the options below win over it.

      Stops on SIGINT or SIGTERM after writing what it accepted (exit 130 / 143).
      """)

  @Option(
    name: .customLong("otlp-listen"),
    help: "Where to listen, HOST:PORT (default 127.0.0.1:4318, or [receiver] listen; port 0 picks one).")
  var otlpListen: String?

  @Option(
    name: .customLong("data-dir"),
    help: "The data folder (default: [receiver] data_dir, else <workspace>/telemetry).",
    completion: .directory)
  var dataDir: String?

  @Option(help: "A configuration file (TOML); see the Configuration article.")
  var config: String?

  @OptionGroup var log: LogOptions

  @Option(
    name: .customLong("token-file"), help: "A file holding the bearer token clients must send (chmod 600).",
    completion: .file())
  var tokenFile: String?

  @Option(help: "The registry workspace (default: the config's `workspace`, else ./.flightdeck).")
  var workspace: String?

  func validate() throws {
    if let config { try ConfigPathCheck.validate(config) }
    if let otlpListen {
      do {
        _ = try ReceiverListenAddress(parsing: otlpListen)
      } catch {
        throw ValidationError("--otlp-listen: \(error)")
      }
    }
  }

  func run() throws {
    let choice = try CLIError.wrapping {
      try ConfigurationChoice.choose(config: config, workspace: workspace)
    }
    let configuration = choice.configuration
    // Log lines carry client addresses and errors: sanitised on standard error.
    try log.bootstrapStandardError(configuration.log)
    let service = try CLIError.wrapping {
      try DataFolderReceiver(
        settings: configuration.receiver,
        listen: otlpListen.flatMap { try? ReceiverListenAddress(parsing: $0) },
        dataDirectory: dataDir, tokenFile: tokenFile, workspace: choice.workspaceDirectory,
        mapping: configuration.engineOptions.otlpMapping, prices: configuration.engineOptions.prices,
        logger: Logger(label: "flightdeck.receive"))
    }
    let folder = service.folder.options.directory
    if service.folder.statistics.sealedTornFiles > 0 {
      say(
        "flightdeck receive: \(PaneFormat.count(service.folder.statistics.sealedTornFiles, "file")) "
          + "ended in a torn line (a crash mid-write) and were closed with a newline")
    }
    StopSignals.install()
    do {
      try service.runBlocking(stopRequested: { StopSignals.received != 0 }) { port in
        say("flightdeck receive: listening on \(service.tracesURL(port: port)), writing to \(folder)")
      }
    } catch {
      throw CLIError("cannot listen on \(service.listen): \(error)")
    }
    let s = service.folder.statistics
    say(
      "flightdeck receive: stopped; \(PaneFormat.count(s.recordsWritten, "span")) written in "
        + "\(PaneFormat.count(s.groupCommits, "flush", plural: "flushes")), "
        + "\(s.refusedBehind) refused as behind, \(s.refusedUnavailable) as unavailable")
    let signal = StopSignals.received
    if signal != 0 { throw ExitCode(128 + signal) }
  }

  /// Writes `line` to standard output at once (unbuffered: a supervisor or
  /// a script waiting for "listening" sees it when it is true), through the
  /// sanitiser: the data folder's path comes from the command line or the
  /// configuration and may hold control characters.
  private func say(_ line: String) {
    FileHandle.standardOutput.write(Data((Sanitizer.sanitize(line) + "\n").utf8))
  }
}
