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
      --json: one document on stdout, problems included: {"files":[{"path","valid":bool,\
      "groups":[{"name","interval":str|null,"rules":[{"alert","expr","for","keep_firing_for",\
      "labels":{…},"annotations":{…}}]}],"errors":[{"line","column","field","message"}]}]}.
      Exit codes: 0 every file valid; 1 any file invalid or unreadable; 64 bad arguments.
      """)

  @Argument(help: "Rules files (YAML).", completion: .file())
  var files: [String]

  @Flag(help: "Print one JSON document (rules and problems) instead of text.")
  var json = false

  func validate() throws {
    if files.isEmpty { throw ValidationError("give at least one rules file") }
  }

  func run() throws {
    var failed = false
    var documents: [CanonicalJSON.Value] = []
    for file in files {
      do {
        let groups = try AlertRulesLoader.load(path: file)
        if json {
          documents.append(Self.json(path: file, groups: groups, errors: []))
          continue
        }
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
        if json {
          documents.append(Self.json(path: file, groups: [], errors: e.errors))
          continue
        }
        for error in e.errors {
          FileHandle.standardError.write(Data((Sanitizer.sanitize(error.description) + "\n").utf8))
        }
      }
    }
    if json { RegistryCLI.printJSON(.object(["files": .array(documents)])) }
    if failed { throw ExitCode(1) }
  }

  /// One file's `--json` document: its rules (durations in Prometheus' form,
  /// ``AlertDuration/format(_:)``, `"0s"` for none) or its problems.
  static func json(path: String, groups: [AlertRuleGroup], errors: [AlertRulesError]) -> CanonicalJSON.Value {
    .object([
      "path": .string(path), "valid": .bool(errors.isEmpty),
      "groups": .array(
        groups.map { g in
          .object([
            "name": .string(g.name), "interval": .optional(g.intervalMs.map(AlertDuration.format)),
            "rules": .array(
              g.rules.map { r in
                .object([
                  "alert": .string(r.name), "expr": .string("\(r.expression)"),
                  "for": .string(AlertDuration.format(r.forMs)),
                  "keep_firing_for": .string(AlertDuration.format(r.keepFiringForMs)),
                  "labels": .object(r.labels.mapValues { .string($0) }),
                  "annotations": .object(r.annotations.mapValues { .string($0) }),
                ])
              }),
          ])
        }),
      "errors": .array(
        errors.map { e in
          .object([
            "line": .integer(Int64(e.line)), "column": .integer(Int64(e.column)), "field": .string(e.field),
            "message": .string(e.message),
          ])
        }),
    ])
  }
}
