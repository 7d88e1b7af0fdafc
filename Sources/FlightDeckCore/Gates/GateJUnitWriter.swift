/// Writes a gate check as JUnit XML for CI test reports (Jenkins, GitLab,
/// GitHub Actions reporters, Azure DevOps, CircleCI).
///
/// Shape: the de-facto JUnit schema (the Ant `junitreport` format, as in
/// Jenkins' `junit-10.xsd`): a `<testsuites>` root holding one `<testsuite>`
/// with `name`, `tests`, `failures`, `errors`, `skipped`, `time` (seconds)
/// and, when known, `timestamp` (ISO 8601 UTC without zone); `<properties>`
/// with the tier and each input's SHA-256; one `<testcase>` per gate
/// (`name` = the requirement, `classname` = `gates.<artefact>.<version>`),
/// with `<failure message=… type="fail|missing">` when the gate did not pass.
/// All text is escaped for XML 1.0: `& < > " '`, tab/newline/CR as character
/// references in attributes, and characters XML 1.0 cannot carry (other
/// control characters, U+FFFE, U+FFFF) replaced by U+FFFD. DEL, the C1
/// controls, bidi controls and invisible characters, which XML 1.0 allows
/// but a terminal acts on or hides (``TerminalText/needsEscape(_:)``), are
/// written as character references (`&#x9B;`, `&#x202E;`): an XML parser
/// reads the same text, and `cat report.xml` cannot drive the terminal.
public enum GateJUnitWriter {
  /// The JUnit XML of `report` for `artefact` at `version`.
  /// - Parameters:
  ///   - evaluatedAt: when the check ran (the suite's `timestamp`), if known.
  ///   - durationSeconds: the suite's `time` (default 0: the check is instantaneous).
  public static func xml(
    report: GateReport, artefact: String, version: String, evaluatedAt: Timestamp? = nil,
    durationSeconds: Double = 0
  ) -> String {
    let suite = "gates.\(artefact).\(version)"
    let failures = report.gates.count - report.passCount
    let time = GateNumber.text(max(0, durationSeconds))
    var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    out +=
      "<testsuites name=\"flightdeck gate check\" tests=\"\(report.gates.count)\" failures=\"\(failures)\" errors=\"0\" time=\"\(time)\">\n"
    out +=
      "  <testsuite name=\(attr(suite)) tests=\"\(report.gates.count)\" failures=\"\(failures)\" errors=\"0\" skipped=\"0\" time=\"\(time)\""
    if let t = evaluatedAt { out += " timestamp=\"\(String(t.rfc3339.prefix(19)))\"" }
    out += ">\n"
    out += "    <properties>\n"
    out += "      <property name=\"artefact\" value=\(attr(artefact))/>\n"
    out += "      <property name=\"version\" value=\(attr(version))/>\n"
    out += "      <property name=\"tier\" value=\"\(report.tier.rawValue)\"/>\n"
    for input in report.inputs {
      out +=
        "      <property name=\"input\" value=\(attr("\(input.file) (\(input.format.rawValue)) sha256:\(input.sha256)"))/>\n"
    }
    out += "    </properties>\n"
    for g in report.gates {
      out += "    <testcase name=\(attr(g.requirement.description)) classname=\(attr(suite)) time=\"0\""
      if g.passed {
        out += "/>\n"
        continue
      }
      out += ">\n"
      var detail = "requirement: \(g.requirement.description)\n"
      detail += "value: \(g.value.map(GateNumber.text) ?? "missing")\n"
      if !g.sources.isEmpty { detail += "inputs: \(g.sources.joined(separator: ", "))\n" }
      out +=
        "      <failure message=\(attr(g.reason)) type=\"\(g.outcome.rawValue)\">\(text(detail))</failure>\n"
      out += "    </testcase>\n"
    }
    out += "  </testsuite>\n</testsuites>\n"
    return out
  }

  /// JUnit XML for a check that could not run because an input is unusable
  /// (exit 2): one test case `gate inputs` with an `<error>`, so the CI
  /// report shows why.
  public static func xml(unusableInput error: GateInputError, artefact: String, version: String) -> String {
    let suite = "gates.\(artefact).\(version)"
    var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    out += "<testsuites name=\"flightdeck gate check\" tests=\"1\" failures=\"0\" errors=\"1\" time=\"0\">\n"
    out +=
      "  <testsuite name=\(attr(suite)) tests=\"1\" failures=\"0\" errors=\"1\" skipped=\"0\" time=\"0\">\n"
    out += "    <testcase name=\"gate inputs\" classname=\(attr(suite)) time=\"0\">\n"
    out +=
      "      <error message=\(attr(error.description)) type=\"input-unusable\">\(text(error.description))</error>\n"
    out += "    </testcase>\n  </testsuite>\n</testsuites>\n"
    return out
  }

  /// `s` as a double-quoted XML attribute value (quotes included).
  public static func attr(_ s: String) -> String {
    var out = "\""
    for u in s.unicodeScalars {
      switch u {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&apos;"
      case "\t": out += "&#9;"
      case "\n": out += "&#10;"
      case "\r": out += "&#13;"
      default: out += allowed(u)
      }
    }
    return out + "\""
  }

  /// `s` escaped as XML character data.
  public static func text(_ s: String) -> String {
    var out = ""
    for u in s.unicodeScalars {
      switch u {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\r": out += "&#13;"
      case "\t", "\n": out.unicodeScalars.append(u)
      default: out += allowed(u)
      }
    }
    return out
  }

  /// `u` if XML 1.0 may carry it (§2.2 `Char`) and a terminal would show it;
  /// a character reference (`&#x9B;`) if XML may carry it but a terminal
  /// would act on it or hide it; else U+FFFD.
  private static func allowed(_ u: Unicode.Scalar) -> String {
    switch u.value {
    case 0x9, 0xA, 0xD, 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF:
      return TerminalText.needsEscape(u)
        ? "&#x" + String(u.value, radix: 16, uppercase: true) + ";" : String(u)
    default: return "\u{FFFD}"
    }
  }
}
