import FlightDeckCore
import Foundation
import Testing

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// ``GateJUnitWriter``: the XML parses with Foundation's `XMLParser`, has
/// the expected counts and escapes hostile strings.
@Suite struct GateJUnitWriterTests {
  /// Collects elements and their attributes in document order.
  final class Collector: NSObject, XMLParserDelegate {
    var elements: [(name: String, attributes: [String: String])] = []
    var text: [String: String] = [:]
    private var current: String?

    func parser(
      _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
      attributes attributeDict: [String: String] = [:]
    ) {
      elements.append((elementName, attributeDict))
      current = elementName
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
      if let c = current { text[c, default: ""] += string }
    }

    func parser(
      _ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?
    ) {
      current = nil
    }

    func named(_ n: String) -> [[String: String]] { elements.filter { $0.name == n }.map(\.attributes) }
  }

  static func parse(_ xml: String) throws -> Collector {
    let parser = XMLParser(data: Data(xml.utf8))
    let c = Collector()
    parser.delegate = c
    let ok = parser.parse()
    #expect(ok, "XMLParser: \(String(describing: parser.parserError))")
    try #require(ok)
    return c
  }

  static func report() -> GateReport {
    let a = GateFixtures.input(
      "eval.json", ["pass_rate": 0.97, "error_rate": 0.03, "guardrail_compliance": 0.999])
    // high: pass_rate 0.97 passes; error_rate 0.03 > 0.02 fails; guardrail passes; drift missing.
    return GateCheck.evaluate(policy: .standard, tier: .high, results: [a])
  }

  @Test func countsAndStructureParse() throws {
    let xml = GateJUnitWriter.xml(
      report: Self.report(), artefact: "support-bot", version: "v12",
      evaluatedAt: Timestamp(millisecondsSinceEpoch: 1_748_779_200_000))
    let c = try Self.parse(xml)
    let suites = c.named("testsuite")
    #expect(suites.count == 1)
    // 4 gates, 2 not passed (1 fail + 1 missing), no errors.
    #expect(suites[0]["tests"] == "4" && suites[0]["failures"] == "2" && suites[0]["errors"] == "0")
    #expect(suites[0]["time"] == "0" && suites[0]["skipped"] == "0")
    // 1 748 779 200 000 ms = 2025-06-01T12:00:00Z (20 240 days × 86 400 s + 43 200 s).
    #expect(suites[0]["timestamp"] == "2025-06-01T12:00:00")
    #expect(suites[0]["name"] == "gates.support-bot.v12")
    #expect(c.named("testsuites").first?["tests"] == "4")
    let cases = c.named("testcase")
    #expect(
      cases.map { $0["name"] ?? "" } == [
        "pass_rate >= 0.95", "error_rate <= 0.02", "guardrail_compliance >= 0.99", "drift_psi <= 0.2",
      ])
    let failures = c.named("failure")
    #expect(failures.count == 2)
    #expect(failures[0]["message"] == "error_rate 0.03 is above 0.02 (eval.json)")
    #expect(failures[0]["type"] == "fail")
    #expect(failures[1]["message"] == "no input provided drift_psi")
    #expect(failures[1]["type"] == "missing")
    let props = c.named("property")
    #expect(props.first { $0["name"] == "tier" }?["value"] == "high")
    #expect(props.filter { $0["name"] == "input" }.count == 1)
  }

  @Test func hostileStringsAreEscaped() throws {
    let hostile = "bot\"><script>alert('x')</script>&amp;]]>\u{01}\u{FFFE}\n\ttab"
    let input = GateFixtures.input("in<put>&\"'.json", [hostile: 0.5])
    let policy = GatePolicy(tiers: [.low: [GateRequirement(hostile, .atLeast, 0.9)]])
    let report = GateCheck.evaluate(policy: policy, tier: .low, results: [input])
    let xml = GateJUnitWriter.xml(report: report, artefact: "a&b<c>", version: "v\"1'")
    #expect(!xml.contains("<script>"))
    #expect(!xml.contains("]]>"))
    #expect(!xml.contains("\u{01}"))
    let c = try Self.parse(xml)
    // The parser gives back the text, with the characters XML cannot carry as U+FFFD.
    let expectedName = "bot\"><script>alert('x')</script>&amp;]]>\u{FFFD}\u{FFFD}\n\ttab"
    #expect(c.named("testcase").first?["name"] == "\(expectedName) >= 0.9")
    #expect(c.named("testsuite").first?["name"] == "gates.a&b<c>.v\"1'")
    #expect(c.named("failure").first?["message"] == "\(expectedName) 0.5 is below 0.9 (in<put>&\"'.json)")
    #expect(c.named("failure").count == 1)
    #expect(c.text["failure"]?.contains("inputs: in<put>&\"'.json") == true)
  }

  @Test func unusableInputIsOneError() throws {
    let e = GateInputError(file: "r.json", path: "results.stats", reason: "missing: expected an object <&>")
    let c = try Self.parse(GateJUnitWriter.xml(unusableInput: e, artefact: "bot", version: "v1"))
    #expect(c.named("testsuite").first?["errors"] == "1")
    #expect(c.named("testsuite").first?["tests"] == "1")
    #expect(c.named("error").first?["message"] == "r.json: results.stats: missing: expected an object <&>")
    #expect(c.named("failure").isEmpty)
  }

  @Test func allPassingHasNoFailureElements() throws {
    let a = GateFixtures.input("e.json", ["pass_rate": 0.85])
    let r = GateCheck.evaluate(policy: .standard, tier: .low, results: [a])
    let c = try Self.parse(GateJUnitWriter.xml(report: r, artefact: "bot", version: "v1"))
    #expect(c.named("testsuite").first?["failures"] == "0")
    #expect(c.named("testcase").count == 1)
    #expect(c.named("failure").isEmpty)
  }

  /// Every class of scalar a name may carry — each C0 control, DEL, every C1
  /// control, the bidi and invisible controls, U+FFFE/U+FFFF, a non-character
  /// inside the BMP, astral characters — written into attributes and
  /// character data and read back by Python's expat (`xml.etree`), a parser
  /// independent of Foundation's libxml2: it must accept the document and
  /// give back the text exactly, with only the characters XML 1.0 cannot
  /// carry (§2.2 `Char`) turned into U+FFFD.
  ///
  /// Why not a library writer: FoundationXML's `XMLDocument` writes U+0001
  /// raw into an attribute (expat: "not well-formed (invalid token)") and
  /// drops control characters from text silently; XMLCoder escapes only
  /// `& < > ' "` (Gates.md, "JUnit output").
  @Test func pythonExpatReadsBackTheSameText() throws {
    var scalars: [Unicode.Scalar] = (0x01...0x7F).compactMap(Unicode.Scalar.init)
    scalars += (0x80...0x9F).compactMap(Unicode.Scalar.init)
    scalars += [0xA0, 0xAD, 0x061C, 0x200B, 0x200E, 0x200F, 0x202A, 0x202E, 0x2066, 0x2069, 0xFEFF]
      .compactMap(Unicode.Scalar.init)
    scalars += [0xFDD0, 0xFFFD, 0xFFFE, 0xFFFF, 0x1F680, 0x10FFFF].compactMap(Unicode.Scalar.init)
    var name = ""
    name.unicodeScalars.append(contentsOf: scalars)
    func carried(_ s: String) -> String {
      var out = ""
      for u in s.unicodeScalars {
        switch u.value {
        case 0x9, 0xA, 0xD, 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: out.unicodeScalars.append(u)
        default: out += "\u{FFFD}"
        }
      }
      return out
    }
    let input = GateFixtures.input("in.json", [name: 0.5])
    let policy = GatePolicy(tiers: [.low: [GateRequirement(name, .atLeast, 0.9)]])
    let report = GateCheck.evaluate(policy: policy, tier: .low, results: [input])
    let xml = GateJUnitWriter.xml(report: report, artefact: name, version: "v1")
    let script = """
      import json, sys
      import xml.etree.ElementTree as ET
      root = ET.fromstring(sys.stdin.buffer.read())
      suite = root.find("testsuite")
      case = suite.find("testcase")
      failure = case.find("failure")
      props = {p.get("name"): p.get("value") for p in suite.find("properties").findall("property")}
      json.dump({"suite": suite.get("name"), "case": case.get("name"), "message": failure.get("message"),
                 "text": failure.text, "artefact": props["artefact"]}, sys.stdout)
      """
    guard DecodingFixtures.python3 != nil else {
      if ProcessInfo.processInfo.environment["CI"] == "true" {
        Issue.record("CI=true but python3 is missing")
      } else {
        print("SKIPPED pythonExpatReadsBackTheSameText: python3 not found")
      }
      return
    }
    let out = try #require(
      try DecodingFixtures.runPython(["-c", script], stdin: Data(xml.utf8)), "expat refused the document")
    let read = try #require(try JSONSerialization.jsonObject(with: out) as? [String: String])
    let expected = carried(name)
    #expect(read["artefact"] == expected)
    #expect(read["suite"] == "gates.\(expected).v1")
    #expect(read["case"] == "\(expected) >= 0.9")
    #expect(read["message"] == "\(expected) 0.5 is below 0.9 (in.json)")
    #expect(read["text"] == "requirement: \(expected) >= 0.9\nvalue: 0.5\ninputs: in.json\n")
    // Nothing a terminal acts on reaches the file raw: ESC, CSI (U+009B) and the bidi override.
    #expect(!xml.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x9B || $0.value == 0x202E })
  }
}
