import ArgumentParser
import FlightDeckCore
import FlightDeckTUI
import Foundation

/// Output and error handling shared by the registry commands.
///
/// Refusals and failures print one line `error: MESSAGE` on stderr and exit 1;
/// usage errors exit 64 (ArgumentParser). Every string that came from the
/// store or a file goes through ``Sanitizer`` before it reaches the terminal
/// (JSON output escapes control characters itself).
enum RegistryCLI {
  /// Runs `body`; a ``RegistryError``, ``ConfigurationError`` or ``CLIError``
  /// becomes `error: …` on stderr and exit code 1.
  static func run(_ body: () throws -> Void) throws {
    do {
      try body()
    } catch let e as RegistryError {
      fail(e.message)
    } catch let e as ConfigurationError {
      fail(e.description)
    } catch let e as CLIError {
      fail(e.description)
    } catch let e as ValidationError {
      throw e
    } catch let e as ExitCode {
      throw e
    } catch {
      fail("\(error)")
    }
  }

  /// Prints `error: message` (sanitised) on stderr and exits 1.
  static func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("error: \(Sanitizer.sanitize(message))\n".utf8))
    Foundation.exit(1)
  }

  /// Prints `warning: message` (sanitised) on stderr.
  static func warn(_ message: String) {
    FileHandle.standardError.write(Data("warning: \(Sanitizer.sanitize(message))\n".utf8))
  }

  /// Prints text (already sanitised) on stdout, adding a final newline if missing.
  static func print(_ text: String) {
    FileHandle.standardOutput.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
  }

  /// Prints a line made of untrusted text on stdout, sanitised.
  static func say(_ text: String) { print(Sanitizer.sanitize(text)) }

  /// Prints one JSON document (canonical: sorted keys, no spaces) and a newline.
  static func printJSON(_ value: CanonicalJSON.Value) {
    print(JSONText.terminalSafe(CanonicalJSON.encode(value)))
  }

  /// Parses a time: RFC 3339 (`2025-06-01T12:00:00Z`) or integer ms since the epoch.
  static func parseTime(_ text: String) -> Timestamp? {
    if !text.isEmpty, text.utf8.count <= 16, text.utf8.allSatisfy({ (48...57).contains($0) }),
      let ms = Int64(text)
    {
      return Timestamp(millisecondsSinceEpoch: ms)
    }
    return RFC3339Parser.parse(text)
  }

  /// Parses `REQ-12`, `req-12` or `12` (strict digits: `REQ-+1` is refused).
  /// - Throws: `ValidationError` (exit 64) otherwise.
  static func requestID(_ text: String) throws -> Int64 {
    try OptionValue.check { try OptionBounds.identifier(text, prefix: "REQ", noun: "request", option: nil) }
  }

  /// Runs a decision on request `text` (approve, reject, cancel): opens the
  /// workspace, performs `command(id)` as the operator and reports the outcome.
  /// - Throws: `ExitCode` through ``run(_:)`` when refused or failed.
  static func decide(
    _ options: RegistryOptions, request text: String, _ command: (Int64) -> RegistryCommand
  ) throws {
    try run {
      let context = try RegistryContext(options)
      let id = try requestID(text)
      let store = try context.open()
      report(try context.perform(command(id), on: store), json: context.json)
    }
  }

  /// The outcome's message, then its warnings on stderr; or its JSON.
  static func report(_ outcome: RegistryOutcome, json: Bool) {
    if json {
      printJSON(RegistryJSON.outcome(outcome))
    } else {
      say(outcome.message)
      for w in outcome.warnings { warn(w) }
    }
  }
}
