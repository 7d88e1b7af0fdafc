import FlightDeckCore
import Testing

/// Table headers that toml++ (bundled by TOMLKit) asserts on instead of
/// reporting: each aborted the process before ``TOMLScreen`` (issue 11).
@Suite struct TOMLScreenTests {
  /// (text, line and column of the refused character), worked out by hand.
  static let hostile: [(String, Int, Int)] = [
    ("[{", 1, 2),
    ("[!", 1, 2),
    ("[=", 1, 2),
    ("[\u{7F}", 1, 2),
    ("[[{", 1, 3),
    ("[[[", 1, 3),
    ("[ \t.", 1, 4),
    ("[[  }", 1, 5),
    ("[\r\n", 1, 2),
    ("a = 1\n[}", 2, 2),
    ("window = \"5m\"\n\n  [+x]", 3, 4),
    ("\u{FEFF}[{", 1, 2),
    ("a = [\n  1,\n]\n[{", 4, 2),
    ("s = \"\"\"\n[a]\n\"\"\"\n[é]", 4, 2),
  ]

  /// Arrays where toml++'s parse_value() asserts: (text, line, column), by hand.
  static let hostileArrays: [(String, Int, Int)] = [
    ("x = [}", 1, 6),
    ("x=[1,}", 1, 6),
    ("x = [ # c\n}", 2, 1),
    ("x = [\n  [\n}", 3, 1),
    ("x={a=[}", 1, 7),
    ("x = [\u{2028}", 1, 6),
    ("x = [1,\u{85}]", 1, 8),
  ]

  @Test(arguments: hostileArrays.indices) func refusesArraysThatWouldAbortTheParser(_ k: Int) {
    let (text, line, column) = Self.hostileArrays[k]
    let hazard = TOMLScreen.hazard(in: text)
    #expect(hazard?.line == line && hazard?.column == column)
    do {
      _ = try FlightDeckConfiguration.parse(text, file: "c.toml")
      Issue.record("accepted \(text.debugDescription)")
    } catch let e as ConfigurationError {
      #expect(e.file == "c.toml" && e.line == line)
      #expect(e.description.hasPrefix("c.toml:\(line): expected a value or ']' in the array, saw "))
    } catch {
      Issue.record("unexpected \(error)")
    }
  }

  @Test(arguments: hostile.indices) func refusesHeadersThatWouldAbortTheParser(_ k: Int) {
    let (text, line, column) = Self.hostile[k]
    let hazard = TOMLScreen.hazard(in: text)
    #expect(hazard?.line == line && hazard?.column == column)
    do {
      _ = try FlightDeckConfiguration.parse(text, file: "c.toml")
    } catch let e as ConfigurationError {
      #expect(e.file == "c.toml" && e.line == line)
      #expect(e.description.hasPrefix("c.toml:\(line): a table header must start with a bare key"))
      return
    } catch {
      Issue.record("unexpected \(error)")
    }
    Issue.record("accepted \(text.debugDescription)")
  }

  @Test func everyTOMLReaderGoesThroughTheScreen() {
    #expect(throws: ConfigurationError.self) { try PriceTable.parse(toml: "[{", source: "p.toml") }
    #expect(throws: ConfigurationError.self) { try GatePolicy.parse(toml: "[[{", file: "g.toml") }
    do {
      _ = try Scenario(toml: "description = \"x\"\n[!", fileName: "s.toml")
      Issue.record("accepted")
    } catch let e as ScenarioError {
      #expect(e.file == "s.toml" && e.line == 2)
    } catch {
      Issue.record("unexpected \(error)")
    }
  }

  /// Brackets that open a line inside a value or a string are not headers,
  /// and well-formed headers pass: the screen must not refuse valid TOML.
  @Test func letsValidDocumentsThrough() throws {
    let valid = [
      "x = [\n  [{a = 1}],\n  [+1],\n]\n",
      "x = [ # c\n  1, # d\n  { a = [ ] },\n]\ny = {b = [2, 3]}\n",
      "s = \"\"\"\n[{\n\"\"\"\nt = '''\n[!\n'''\n",
      "s = \"\\\"[{\"\n# [{ in a comment\n",
      "[a]\n[ b ]\n[[c]]\n[[ d ]]\n['e'.\"f\"]\n[g-h_1]\n",
      "s = \"\"\"a\"\"\"\"\n[ok]\n",
      "",
    ]
    for text in valid {
      #expect(TOMLScreen.hazard(in: text) == nil, "\(text)")
      #expect(throws: Never.self) { try TOMLScreen.parse(text) }
    }
    // Headers cut short are toml++'s to report (they end at the end of the text, no abort).
    for text in ["[", "[[", "[ ", "[[ ", "[ [a]]", "x = [1 }", "x = {a = 1,}"] {
      #expect(TOMLScreen.hazard(in: text) == nil)
      #expect(throws: TOMLSyntaxError.self) { try TOMLScreen.parse(text) }
    }
    let root = try TOMLScreen.parse(valid[0] + "[t]\nk = 1\n")
    #expect(root["t"]?.table?["k"]?.int == 1)
  }

  @Test func reportsTomlPlusPlusErrorsWithTheirLine() {
    #expect(TOMLScreen.hazard(in: "a = 1\nb = \n") == nil)
    do {
      _ = try TOMLScreen.parse("a = 1\nb = \n")
      Issue.record("accepted")
    } catch let e as TOMLSyntaxError {
      #expect(e.line == 2)
    } catch {
      Issue.record("unexpected \(error)")
    }
  }

  @Test func aNulCharacterIsRefusedWhereItIs() {
    // toml++ reads a C string: before the check, everything after the NUL
    // (here an out-of-bounds setting on line 3) was silently dropped.
    let text = "a = 1\n# x\u{0}y\nmax_line_bytes = 1\n"
    do {
      _ = try TOMLScreen.parse(text)
      Issue.record("accepted")
    } catch let e as TOMLSyntaxError {
      #expect(e.line == 2)
      #expect(e.column == 4)
      #expect(e.message.hasPrefix("a NUL character (U+0000) is not allowed in TOML"))
    } catch {
      Issue.record("unexpected \(error)")
    }
  }
}
