import Foundation
import TOMLKit

extension FlightDeckConfiguration {
  private static let routingKeys: Set<String> = [
    "targets", "initial_backoff", "max_backoff", "check_interval",
  ]
  private static let routingTargetKeys: Set<String> = [
    "name", "type", "path", "artefacts", "options", "command", "timeout",
  ]
  /// The options each kind of target takes.
  static let routingOptionKeys: [RoutingTargetKind: Set<String>] = [
    .litellm: ["model", "model_name", "shadow_model_name"], .flagd: [], .exec: [],
    .kserve: ["name", "namespace", "storage_uri", "model_format"],
    .httproute: ["name", "namespace", "gateway", "gateway_namespace", "hostname", "service", "port"],
  ]
  /// The most routing targets accepted.
  static let maximumRoutingTargets = 64

  /// Reads `[routing]` (see ``RoutingConfiguration`` and <doc:Routing>):
  /// - `initial_backoff`, `max_backoff` (100 ms…1 d), `check_interval`
  ///   (1 s…1 d): the retry policy and the read-back interval.
  /// - `[[routing.targets]]`: `name` (unique, `[A-Za-z0-9_.-]`, ≤ 64), `type`
  ///   (`litellm`, `flagd`, `kserve`, `httproute`, `exec`), `path` (the file written; two targets may not
  ///   share one), `artefacts` (names, or `"*"` / absent for every artefact),
  ///   `[routing.targets.options]` (string values; `litellm`: `model`,
  ///   `model_name` templates with `{artefact}` and `{version}`, `shadow_model_name`;
  ///   `kserve`: `name`, `namespace`, `storage_uri`, `model_format`;
  ///   `httproute`: `gateway` (required), `gateway_namespace`, `name`,
  ///   `namespace`, `hostname`, `service`, `port`). An `exec`
  ///   target takes `command` (an array: the executable's absolute path,
  ///   then its arguments, run without a shell) and `timeout` (100 ms…5 min,
  ///   default 10 s) instead of `path`.
  /// - Throws: the ``ConfigurationError`` that `fail` builds, naming the key.
  static func parseRouting(
    _ root: TOMLTable, into config: inout FlightDeckConfiguration,
    fail: (String, String) -> ConfigurationError
  ) throws {
    guard let v = root["routing"] else { return }
    guard let t = v.table else { throw fail("routing", "expected a table") }
    for k in t.keys.sorted() where !routingKeys.contains(k) {
      throw fail("routing.\(k)", "unknown key (allowed: \(routingKeys.sorted().joined(separator: ", ")))")
    }
    func duration(_ k: String, _ range: ClosedRange<Int64>) throws -> Int64? {
      try Self.duration(t[k], range: range, example: "\"1s\", \"30s\" or \"5m\"") { fail("routing.\(k)", $0) }
    }
    let day: Int64 = 86_400_000
    var r = RoutingConfiguration()
    let initial = try duration("initial_backoff", 100...day) ?? r.retry.initialBackoffMs
    let maximum = try duration("max_backoff", 100...day) ?? max(initial, r.retry.maxBackoffMs)
    guard maximum >= initial else { throw fail("routing.max_backoff", "must be at least initial_backoff") }
    r.retry = RoutingRetryPolicy(initialBackoffMs: initial, maxBackoffMs: maximum)
    if let ms = try duration("check_interval", 1_000...day) { r.checkIntervalMs = ms }

    if let v = t["targets"] {
      guard let array = v.array else {
        throw fail("routing.targets", "expected an array of tables ([[routing.targets]])")
      }
      guard array.count <= maximumRoutingTargets else {
        throw fail("routing.targets", "at most \(maximumRoutingTargets) targets")
      }
      for (i, item) in array.enumerated() {
        let p = "routing.targets[\(i)]"
        guard let tt = item.table else { throw fail(p, "expected a table") }
        for k in tt.keys.sorted() where !routingTargetKeys.contains(k) {
          throw fail(
            "\(p).\(k)", "unknown key (allowed: \(routingTargetKeys.sorted().joined(separator: ", ")))")
        }
        guard let name = tt["name"]?.string, isReceiverName(name) else {
          throw fail("\(p).name", "expected a name of 1 to 64 characters from A-Z a-z 0-9 _ . -")
        }
        guard !r.targets.contains(where: { $0.name == name }) else {
          throw fail("\(p).name", "the target \(name) is declared twice")
        }
        guard let typeText = tt["type"]?.string, let kind = RoutingTargetKind(rawValue: typeText) else {
          throw fail(
            "\(p).type",
            "expected one of \(RoutingTargetKind.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", "))"
          )
        }
        func isPath(_ s: String) -> Bool {
          !s.isEmpty && s.utf8.count <= 4096
            && !s.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F }
        }
        var command: [String] = []
        var timeoutMs: Int64 = 10_000
        let path: String
        if kind == .exec {
          guard tt["path"] == nil else {
            throw fail("\(p).path", "an exec target runs a command: give command = [\"/path/to/hook\", ...]")
          }
          guard let a = tt["command"]?.array, (1...64).contains(a.count) else {
            throw fail(
              "\(p).command",
              "expected an array of 1 to 64 strings: the executable's absolute path, then its arguments")
          }
          for item in a {
            guard let s = item.string, s.utf8.count <= 4096,
              !s.unicodeScalars.contains(where: { $0.value == 0 })
            else { throw fail("\(p).command", "expected strings of at most 4096 bytes") }
            command.append(s)
          }
          guard command[0].hasPrefix("/"), isPath(command[0]) else {
            throw fail(
              "\(p).command", "the first element must be the executable's absolute path (no shell runs it)")
          }
          if let ms = try Self.duration(
            tt["timeout"], range: 100...300_000, example: "\"10s\"", fail: { fail("\(p).timeout", $0) })
          {
            timeoutMs = ms
          }
          path = command[0]
        } else {
          for k in ["command", "timeout"] where tt[k] != nil {
            throw fail("\(p).\(k)", "only an exec target takes \(k)")
          }
          guard let text = tt["path"]?.string, isPath(text) else {
            throw fail("\(p).path", "expected the path of the file to write")
          }
          guard !r.targets.contains(where: { $0.isFile && $0.path == text }) else {
            throw fail("\(p).path", "another target already writes \(text)")
          }
          path = text
        }
        var artefacts: [String]?
        if let v = tt["artefacts"] {
          let names: [String]
          if let s = v.string {
            names = [s]
          } else if let a = v.array {
            names = try a.map { item in
              guard let s = item.string else { throw fail("\(p).artefacts", "expected artefact names") }
              return s
            }
          } else {
            throw fail("\(p).artefacts", "expected an artefact name, an array of names, or \"*\"")
          }
          if names != ["*"] {
            for n in names {
              do { try RegistryNames.validateArtefact(n) } catch {
                throw fail("\(p).artefacts", "\"\(TerminalText.sanitize(n))\" is not an artefact name")
              }
            }
            guard !names.isEmpty else { throw fail("\(p).artefacts", "name at least one artefact, or \"*\"") }
            artefacts = names
          }
        }
        var options: [String: String] = [:]
        if let v = tt["options"] {
          guard let o = v.table else { throw fail("\(p).options", "expected a table") }
          let allowed = routingOptionKeys[kind] ?? []
          for k in o.keys.sorted() {
            guard allowed.contains(k) else {
              throw fail(
                "\(p).options.\(k)",
                allowed.isEmpty
                  ? "a \(kind.rawValue) target takes no options"
                  : "unknown option (allowed: \(allowed.sorted().joined(separator: ", ")))")
            }
            guard let s = o[k]?.string, !s.isEmpty, s.utf8.count <= 512 else {
              throw fail("\(p).options.\(k)", "expected a non-empty string of at most 512 bytes")
            }
            options[k] = s
          }
        }
        if kind == .httproute {
          guard options["gateway"] != nil else {
            throw fail("\(p).options.gateway", "an httproute target needs the name of its parent Gateway")
          }
          if let text = options["port"], Int(text).map({ (1...65535).contains($0) }) != true {
            throw fail("\(p).options.port", "expected a port number 1-65535 as a string, e.g. \"8080\"")
          }
          for k in ["namespace", "gateway_namespace"] {
            if let ns = options[k], !KubernetesNames.isDNS1123Label(ns) {
              throw fail("\(p).options.\(k)", "expected a namespace name (an RFC 1123 label)")
            }
          }
        }
        if kind == .kserve, let ns = options["namespace"], !KubernetesNames.isDNS1123Label(ns) {
          throw fail("\(p).options.namespace", "expected a namespace name (an RFC 1123 label)")
        }
        r.targets.append(
          RoutingTarget(
            name: name, kind: kind, path: path, artefacts: artefacts, options: options, command: command,
            timeoutMs: timeoutMs))
      }
    }
    config.routing = r
  }
}
