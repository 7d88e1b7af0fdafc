import FlightDeckTestSupport
import Foundation
import Testing

@testable import FlightDeckCore

/// ``NotificationRoute/match(_:)`` against the real Alertmanager routing
/// through `amtool config routes test` (Debian's prometheus-alertmanager):
/// random routing trees (nested routes, `continue`, all four matcher
/// operators) written as an Alertmanager configuration, and random label
/// sets; for each, the receivers amtool prints must be the receivers of the
/// nodes FlightDeck matches, in the same order. Every node has its own
/// receiver, so the receiver names say which nodes matched.
///
/// Without amtool the suite says so and passes, except under `CI=true`.
@Suite struct NotificationRouteAmtoolTests {
  static let amtool: URL? = {
    for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
      let url = URL(fileURLWithPath: String(dir)).appendingPathComponent("amtool")
      if FileManager.default.isExecutableFile(atPath: url.path) { return url }
    }
    return nil
  }()

  static let required = ProcessInfo.processInfo.environment["CI"] == "true"

  static let names = ["severity", "artefact", "route", "team"]
  static let values = ["page", "warn", "support-bot", "rag-answer", "canary", "stable", "a"]
  static let patterns = ["page|warn", "support-.*", ".*-bot", "c.*", "", ".+", "a", "(stable|canary)"]

  /// A random tree: depth at most `depth`, each node 0–3 children, each
  /// child 0–2 matchers and `continue` one time in three. Receivers are
  /// numbered in creation order.
  static func tree(_ rng: inout SplitMix64, depth: Int, next: inout Int, root: Bool) -> NotificationRoute {
    func pick<T>(_ a: [T]) -> T { a[Int(rng.next() % UInt64(a.count))] }
    let receiver = "r\(next)"
    next += 1
    var matchers: [AlertLabelMatcher] = []
    if !root {
      for _ in 0..<Int(rng.next() % 3) {
        let op = pick(AlertMatchOperator.allCases)
        let value = op == .regex || op == .notRegex ? pick(patterns) : pick(values + [""])
        matchers.append(AlertLabelMatcher(name: pick(names), op: op, value: value))
      }
    }
    var children: [NotificationRoute] = []
    if depth > 0 {
      for _ in 0..<Int(rng.next() % 4) {
        children.append(tree(&rng, depth: depth - 1, next: &next, root: false))
      }
    }
    return NotificationRoute(
      receiver: receiver, matchers: matchers, continueMatching: !root && rng.next() % 3 == 0, routes: children
    )
  }

  /// The tree as an Alertmanager configuration (YAML), every receiver declared.
  static func alertmanagerYAML(_ root: NotificationRoute) -> String {
    var receivers: [String] = []
    func node(_ r: NotificationRoute, _ indent: String, _ first: String) -> String {
      receivers.append(r.receiver)
      var out = "\(indent)\(first)receiver: \(r.receiver)\n"
      let pad = indent + String(repeating: " ", count: first.count)
      if !r.matchers.isEmpty {
        let list = r.matchers.map { "'\($0.name)\($0.op.rawValue)\"\($0.value)\"'" }.joined(separator: ", ")
        out += "\(pad)matchers: [\(list)]\n"
      }
      if r.continueMatching { out += "\(pad)continue: true\n" }
      if !r.routes.isEmpty {
        out += "\(pad)routes:\n"
        for child in r.routes { out += node(child, pad + "  ", "- ") }
      }
      return out
    }
    let route = node(root, "  ", "")
    return "route:\n" + route + "receivers:\n" + receivers.map { "  - name: \($0)\n" }.joined()
  }

  /// What amtool prints for `labels` under the configuration in `file`.
  static func amtoolReceivers(_ amtool: URL, _ file: URL, _ labels: [String: String]) throws -> String {
    let o = try ChildProcess.run(
      amtool,
      ["config", "routes", "test", "--config.file=\(file.path)"]
        + labels.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }, captureStderr: false,
      timeoutSeconds: 60)
    return o.text.trimmingCharacters(in: .whitespacesAndNewlines)
  }

  @Test func aHandWrittenTreeMatchesAsAlertmanagerDocumentsIt() {
    // The example of Alertmanager's documentation, shortened: pages go to the
    // pager and on (continue); support-* artefacts to their team, canaries of
    // them to the team's canary receiver; everything else to the default.
    let tree = NotificationRoute(
      receiver: "default",
      routes: [
        NotificationRoute(
          receiver: "pager", matchers: [AlertLabelMatcher(name: "severity", op: .equal, value: "page")],
          continueMatching: true),
        NotificationRoute(
          receiver: "team-a",
          matchers: [AlertLabelMatcher(name: "artefact", op: .regex, value: "support-.*")],
          routes: [
            NotificationRoute(
              receiver: "team-a-canary",
              matchers: [AlertLabelMatcher(name: "route", op: .equal, value: "canary")])
          ]),
      ])
    func receivers(_ labels: [String: String]) -> [String] { tree.match(labels).map(\.route.receiver) }
    #expect(
      receivers(["severity": "page", "artefact": "support-bot", "route": "canary"]) == [
        "pager", "team-a-canary",
      ])
    #expect(receivers(["severity": "page"]) == ["pager"])
    #expect(receivers(["artefact": "support-bot"]) == ["team-a"])
    #expect(receivers(["artefact": "my-support-bot"]) == ["default"])  // anchored
    #expect(receivers([:]) == ["default"])
    #expect(tree.match(["artefact": "support-bot", "route": "canary"]).map(\.path) == [[1, 0]])
  }

  @Test(
    .enabled(
      if: amtool != nil || required,
      "amtool not found on PATH (Debian: apt-get install prometheus-alertmanager); set CI=true to require it")
  )
  func randomTreesRouteAsAlertmanagerRoutes() throws {
    let amtool = try #require(Self.amtool, "CI=true but amtool is not installed")
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
      "flightdeck-routes-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    var rng = SplitMix64(seed: 20_261_206)
    var compared = 0
    var multiple = 0
    var nonRoot = 0
    for t in 0..<25 {
      var next = 0
      let tree = Self.tree(&rng, depth: 3, next: &next, root: true)
      let file = dir.appendingPathComponent("am-\(t).yml")
      try Self.alertmanagerYAML(tree).write(to: file, atomically: true, encoding: .utf8)
      for _ in 0..<8 {
        var labels: [String: String] = [:]
        for name in Self.names where rng.next() % 3 != 0 {
          labels[name] = Self.values[Int(rng.next() % UInt64(Self.values.count))]
        }
        let ours = tree.match(labels).map(\.route.receiver)
        let theirs = try Self.amtoolReceivers(amtool, file, labels)
        #expect(
          ours.joined(separator: ",") == theirs, "tree \(t), labels \(labels)\n\(Self.alertmanagerYAML(tree))"
        )
        compared += 1
        if ours.count > 1 { multiple += 1 }
        if ours != ["r0"] { nonRoot += 1 }
      }
    }
    // The cases exercise more than the root: nested matches and continue.
    #expect(compared == 200)
    #expect(multiple > 10)
    #expect(nonRoot > 60)
  }
}
