import Foundation
import Yams

/// Reads rules files shaped like Prometheus rule groups
/// (<https://prometheus.io/docs/prometheus/latest/configuration/alerting_rules/>):
///
/// ```yaml
/// groups:
///   - name: canary
///     interval: 15s            # optional
///     rules:
///       - alert: CanaryHighErrorRate
///         expr: error_rate{route="canary"}[5m] > 0.05
///         for: 30s
///         keep_firing_for: 1m
///         nodata: resolve          # optional: resolve (default), ok, nodata, keep_last
///         labels: { severity: page }
///         annotations: { summary: "...", description: "...", runbook_url: "..." }
/// ```
///
/// A file is taken whole or not at all: every problem is collected (unknown
/// keys, wrong types, bad durations, `record:` rules, expression errors) and
/// reported together with file, line and column from Yams' node marks; an
/// error inside `expr` adds its place within the expression to the node's.
/// Text nested deeper than ``YAMLNestingScreen/maximumDepth`` levels is
/// refused before Yams reads it. Every duration is bounded (``Bounds``).
public enum AlertRulesLoader {
  private static let topKeys: Set<String> = ["groups"]
  private static let groupKeys: Set<String> = ["name", "interval", "rules"]
  private static let ruleKeys: Set<String> = [
    "alert", "expr", "for", "keep_firing_for", "labels", "annotations", "nodata",
  ]

  /// Reads and validates the rules file at `path`.
  /// - Throws: ``AlertRulesFileError`` with every problem (one at 1:1 when
  ///   the file cannot be read, by ``InputFileCheck``: a FIFO is refused as
  ///   "not a regular file", never opened for a blocking read).
  public static func load(path: String) throws -> [AlertRuleGroup] {
    let text: String
    do {
      try InputFileCheck.check(path, option: nil)
    } catch let problem as InputFileCheck.Problem {
      throw AlertRulesFileError(errors: [
        AlertRulesError(file: path, line: 1, column: 1, field: "file", message: "the file \(problem.reason)")
      ])
    }
    do {
      text = try String(contentsOfFile: path, encoding: .utf8)
    } catch {
      throw AlertRulesFileError(errors: [
        AlertRulesError(
          file: path, line: 1, column: 1, field: "file",
          message: "cannot read the file (\(error.localizedDescription))")
      ])
    }
    return try parse(text, file: path)
  }

  /// Parses and validates rules text.
  /// - Parameter file: the name used in errors.
  /// - Throws: ``AlertRulesFileError`` with every problem found.
  public static func parse(_ text: String, file: String) throws -> [AlertRuleGroup] {
    var errors: [AlertRulesError] = []
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    let end = endPosition(of: text)
    func fail(_ node: Node?, _ field: String, _ message: String) {
      let mark = node?.mark
      let (line, column) = clamp(line: mark?.line ?? 1, column: mark?.column ?? 1, to: end)
      errors.append(AlertRulesError(file: file, line: line, column: column, field: field, message: message))
    }
    // Yams composes recursively: screen the depth first, so that a deeply
    // nested file is an error, not a stack overflow.
    // The byte screen first (cheap, over-counts), then libyaml's own events,
    // which read line breaks, document markers and flow context exactly.
    if let deep = YAMLNestingScreen.firstViolation(in: text)
      ?? YAMLNestingScreen.firstEventViolation(in: text)
    {
      throw AlertRulesFileError(errors: [
        AlertRulesError(
          file: file, line: deep.line, column: deep.column, field: "yaml", message: deep.message)
      ])
    }
    let root: Node?
    do {
      root = try Yams.compose(yaml: text)
    } catch let e as YamlError {
      throw AlertRulesFileError(errors: [yamlError(e, file: file, text: text)])
    } catch {
      throw AlertRulesFileError(errors: [
        AlertRulesError(file: file, line: 1, column: 1, field: "file", message: "\(error)")
      ])
    }
    guard let root, let top = root.mapping else {
      fail(root, "file", "expected a mapping with a `groups` list (Prometheus rule-group format)")
      throw AlertRulesFileError(errors: errors)
    }
    func checkKeys(_ mapping: Node.Mapping, _ allowed: Set<String>, _ path: String) {
      var seen: Set<String> = []
      for (k, _) in mapping {
        let key = k.string ?? ""
        // YAML 1.2 requires unique keys; Yams keeps both, and one would win silently.
        if !seen.insert(key).inserted {
          fail(k, path.isEmpty ? key : "\(path).\(key)", "duplicate key (which one counts is ambiguous)")
          continue
        }
        guard !allowed.contains(key) else { continue }
        if key == "record" {
          fail(
            k, path + ".record",
            "recording rules are not supported: FlightDeck computes its metrics itself; only `alert:` rules are"
          )
        } else {
          fail(
            k, path.isEmpty ? key : "\(path).\(key)",
            "unknown key (expected one of: \(allowed.sorted().joined(separator: ", ")))")
        }
      }
    }
    func duration(_ node: Node?, _ field: String, _ bounds: ClosedRange<Int64>, _ why: String = "")
      -> Int64?
    {
      guard let node else { return nil }
      let range = "must be \(Bounds.between(bounds))\(why), found \(shown(node))"
      guard let s = node.scalar?.string, let ms = AlertDuration.milliseconds(s) else {
        if let s = node.scalar?.string, Bounds.isTooLong(s) {
          fail(node, field, range)
        } else {
          fail(node, field, "expected a duration such as 30s, 5m, 1h or 1h30m, found \(shown(node))")
        }
        return nil
      }
      guard bounds.contains(ms) else {
        fail(node, field, range)
        return nil
      }
      return ms
    }
    func stringMap(_ node: Node?, _ field: String, labels: Bool) -> [String: String] {
      guard let node else { return [:] }
      guard let m = node.mapping else {
        fail(node, field, "expected a mapping of names to strings, found \(shown(node))")
        return [:]
      }
      var out: [String: String] = [:]
      for (k, v) in m {
        let key = k.scalar?.string ?? ""
        if labels && !isLabelName(key) {
          fail(k, "\(field).\(key)", "expected a label name ([A-Za-z_][A-Za-z0-9_]*), found '\(key)'")
          continue
        }
        guard let value = v.scalar?.string else {
          fail(v, "\(field).\(key)", "expected a string, found \(shown(v))")
          continue
        }
        out[key] = value
      }
      return out
    }

    checkKeys(top, topKeys, "")
    var groups: [AlertRuleGroup] = []
    guard let groupsNode = top["groups"] else {
      fail(root, "groups", "expected a `groups` list")
      throw AlertRulesFileError(errors: errors)
    }
    guard let groupList = groupsNode.sequence else {
      fail(groupsNode, "groups", "expected a list of groups, found \(shown(groupsNode))")
      throw AlertRulesFileError(errors: errors)
    }
    var groupNames: Set<String> = []
    for (gi, g) in groupList.enumerated() {
      let gPath = "groups[\(gi)]"
      guard let gm = g.mapping else {
        fail(g, gPath, "expected a mapping with name and rules, found \(shown(g))")
        continue
      }
      checkKeys(gm, groupKeys, gPath)
      var groupName = ""
      if let n = gm["name"], let s = n.scalar?.string, !s.isEmpty {
        groupName = s
        if !groupNames.insert(s).inserted { fail(n, gPath + ".name", "duplicate group name '\(s)'") }
      } else {
        fail(gm["name"] ?? g, gPath + ".name", "expected a non-empty group name")
      }
      let interval = duration(
        gm["interval"], gPath + ".interval", Bounds.intervalMs, " (as [alerts] evaluation_interval)")
      var rules: [AlertRule] = []
      if let rn = gm["rules"] {
        if let list = rn.sequence {
          for (ri, r) in list.enumerated() {
            let rPath = "\(gPath).rules[\(ri)]"
            guard let rm = r.mapping else {
              fail(r, rPath, "expected a rule mapping (alert, expr, …), found \(shown(r))")
              continue
            }
            checkKeys(rm, ruleKeys, rPath)
            if rm["record"] != nil { continue }
            guard let an = rm["alert"], let name = an.scalar?.string, isLabelName(name) else {
              fail(rm["alert"] ?? r, rPath + ".alert", "expected an alert name ([A-Za-z_][A-Za-z0-9_]*)")
              continue
            }
            guard let en = rm["expr"], let scalar = en.scalar else {
              fail(rm["expr"] ?? r, rPath + ".expr", "expected an expression string")
              continue
            }
            var expression: AlertExpression?
            do {
              expression = try AlertExpressionParser.parse(scalar.string)
            } catch let e as AlertExpressionError {
              let (line, column) = position(of: e, in: scalar, lines: lines)
              errors.append(
                AlertRulesError(
                  file: file, line: line, column: column, field: rPath + ".expr", message: e.message))
            } catch {
              fail(en, rPath + ".expr", "\(error)")
            }
            let forMs = duration(rm["for"], rPath + ".for", Bounds.holdMs) ?? 0
            let keep = duration(rm["keep_firing_for"], rPath + ".keep_firing_for", Bounds.holdMs) ?? 0
            var noData = AlertNoDataPolicy.resolve
            if let nn = rm["nodata"] {
              if let s = nn.scalar?.string, let p = AlertNoDataPolicy(rawValue: s) {
                noData = p
              } else {
                fail(
                  nn, rPath + ".nodata",
                  "expected one of: \(AlertNoDataPolicy.allCases.map(\.rawValue).joined(separator: ", ")), found \(shown(nn))"
                )
              }
            }
            let labels = stringMap(rm["labels"], rPath + ".labels", labels: true)
            let annotations = stringMap(rm["annotations"], rPath + ".annotations", labels: false)
            if let expression {
              rules.append(
                AlertRule(
                  name: name, group: groupName, expression: expression, forMs: forMs, keepFiringForMs: keep,
                  labels: labels, annotations: annotations, noData: noData))
            }
          }
        } else {
          fail(rn, gPath + ".rules", "expected a list of rules, found \(shown(rn))")
        }
      }
      groups.append(AlertRuleGroup(name: groupName, intervalMs: interval, rules: rules))
    }
    if !errors.isEmpty { throw AlertRulesFileError(errors: errors) }
    return groups
  }

  /// Where an expression error lies in the file: the scalar's mark plus the
  /// error's place in the expression. A quoted scalar's text starts one
  /// column after its mark; a block scalar (`|`, `>`) starts on the next
  /// line at the indentation of that line; escapes and folded lines are not
  /// undone, so a place after them is approximate.
  static func position(of e: AlertExpressionError, in scalar: Node.Scalar, lines: [Substring]) -> (Int, Int) {
    let line = scalar.mark?.line ?? 1
    let column = scalar.mark?.column ?? 1
    switch scalar.style {
    case .literal, .folded:
      let first = line  // 1-based index of the indicator's line; content starts on the next
      let content = first < lines.count ? lines[first] : ""
      let indent = content.prefix { $0 == " " }.count
      if scalar.style == .folded { return (first + 1, indent + e.offset + 1) }
      return (first + e.line, indent + e.column)
    case .singleQuoted, .doubleQuoted:
      return e.line == 1 ? (line, column + e.column) : (line + e.line - 1, e.column)
    default:
      return e.line == 1 ? (line, column + e.column - 1) : (line + e.line - 1, e.column)
    }
  }

  /// Whether `s` is a Prometheus label name: `[A-Za-z_][A-Za-z0-9_]*`.
  public static func isLabelName(_ s: String) -> Bool {
    func letter(_ c: UInt8) -> Bool { (65...90).contains(c) || (97...122).contains(c) || c == 95 }
    let bytes = Array(s.utf8)
    guard let first = bytes.first, letter(first) else { return false }
    return bytes.allSatisfy { letter($0) || (48...57).contains($0) }
  }

  private static func shown(_ node: Node) -> String {
    switch node {
    case .scalar(let s): return "'\(s.string)'"
    case .mapping: return "a mapping"
    case .sequence: return "a list"
    }
  }

  /// The error of a document Yams refuses, at libyaml's mark (see
  /// ``clamp(line:column:to:)``).
  private static func yamlError(_ e: YamlError, file: String, text: String) -> AlertRulesError {
    switch e {
    case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
      .composer(_, let problem, let mark, _):
      let (line, column) = clamp(line: mark.line, column: mark.column, to: endPosition(of: text))
      return AlertRulesError(
        file: file, line: line, column: column, field: "yaml", message: "invalid YAML: \(problem)")
    case .reader(let problem, let offset, let value, _):
      // libyaml's reader (a control character, bad UTF-8): located at its
      // byte offset; Yams' own description quotes the whole rest of the
      // file (issue 11 breaker, R4: 300 KB of NULs printed whole).
      let (line, column) = position(ofByte: offset ?? 0, in: text)
      let what = value >= 0 ? String(format: " (0x%02X)", value) : ""
      return AlertRulesError(
        file: file, line: line, column: column, field: "yaml", message: "invalid YAML: \(problem)\(what)")
    default:
      return AlertRulesError(file: file, line: 1, column: 1, field: "yaml", message: "invalid YAML: \(e)")
    }
  }

  /// A libyaml mark (1-based), or `end` when the mark is past it: at the end
  /// of a stream libyaml forces a line break, so a problem or a node found
  /// there (an empty document `---`) was reported at a line below the last
  /// one of a file without a final newline (found by the `FuzzRules` target).
  /// The 1-based line and column (in Unicode scalars) of the byte at
  /// `offset` of `text`'s UTF-8; the end of the text when past it.
  static func position(ofByte offset: Int, in text: String) -> (line: Int, column: Int) {
    var line = 1
    var column = 1
    for (i, byte) in text.utf8.enumerated() {
      if i >= offset { break }
      if byte == 0x0A {
        line += 1
        column = 1
      } else if byte & 0xC0 != 0x80 {
        column += 1
      }
    }
    return (line, column)
  }

  static func clamp(line: Int, column: Int, to end: (line: Int, column: Int)) -> (Int, Int) {
    line > end.line || (line == end.line && column > end.column) ? end : (line, column)
  }

  /// The position just past the last character of `text`, 1-based, counted
  /// as libyaml counts: LF, CR, CR LF, NEL, LS and PS each end a line, and a
  /// column is one character (Unicode scalar).
  static func endPosition(of text: String) -> (line: Int, column: Int) {
    var line = 1
    var column = 1
    var afterCR = false
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\n":
        if !afterCR { line += 1 }
        column = 1
      case "\r", "\u{85}", "\u{2028}", "\u{2029}":
        line += 1
        column = 1
      default:
        column += 1
      }
      afterCR = scalar == "\r"
    }
    return (line, column)
  }
}
