import ArgumentParser
import FlightDeckCore
import FlightDeckTUI
import Foundation

/// `flightdeck rules check FILE…`: validate rules files without running them.
struct RulesCheckCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "check",
    abstract: "Check alert rules files and list the rules they define.",
    discussion: """
      Each valid file prints its rules (`group/alert: expr  for=… severity=…`). Each problem prints as \
      `file:line:col: field: message` on stderr; a file with any problem is refused as a whole. \
      The language is documented in RulesLanguage.md.
      Exit codes: 0 every file valid; 1 any file invalid or unreadable; 64 bad arguments.
      """)

  @Argument(help: "Rules files (YAML).")
  var files: [String]

  func validate() throws {
    if files.isEmpty { throw ValidationError("give at least one rules file") }
  }

  func run() throws {
    var failed = false
    for file in files {
      do {
        let groups = try AlertRulesLoader.load(path: file)
        let count = groups.reduce(0) { $0 + $1.rules.count }
        RegistryCLI.say(
          "\(file): \(count) rule\(count == 1 ? "" : "s") in \(groups.count) group\(groups.count == 1 ? "" : "s")"
        )
        for g in groups {
          for r in g.rules {
            var line = "  \(g.name)/\(r.name): \(r.expression)"
            if r.forMs > 0 { line += "  for=\(AlertDuration.format(r.forMs))" }
            if r.keepFiringForMs > 0 {
              line += "  keep_firing_for=\(AlertDuration.format(r.keepFiringForMs))"
            }
            if let s = r.severity { line += "  severity=\(s)" }
            RegistryCLI.say(line)
          }
        }
      } catch let e as AlertRulesFileError {
        failed = true
        for error in e.errors {
          FileHandle.standardError.write(Data((Sanitizer.sanitize(error.description) + "\n").utf8))
        }
      }
    }
    if failed { throw ExitCode(1) }
  }
}
