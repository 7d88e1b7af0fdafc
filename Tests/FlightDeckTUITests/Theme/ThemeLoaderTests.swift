import FlightDeckTUI
import Foundation
import Testing

@Suite struct ThemeLoaderTests {
  @Test func missingKeysFallBackAndUnknownKeysWarn() throws {
    let (theme, warnings) = try ThemeLoader.parse(
      "ok = \"#00ff00\"\nfoo = 1\n  bar_bold = true\n", file: "x.toml", name: "x")
    #expect(
      warnings == ["x.toml:2: unknown key 'foo' (ignored)", "x.toml:3: unknown key 'bar_bold' (ignored)"])
    #expect(theme.entry(for: .ok).foreground == .rgb(0, 255, 0))
    #expect(theme.entry(for: .text) == ThemeLoader.builtInDefault.entry(for: .text))
    #expect(theme.name == "x")
  }

  @Test func valueForms() throws {
    let toml = """
      text = "#f80"
      dim = 244
      border = "bright_black"
      title = "DEFAULT"
      ok = ""
      warn = "196"
      critical_underline = true
      critical_bold = false
      series = ["red", "#000000", 0, "default", "white", "#fff"]
      """
    let (t, warnings) = try ThemeLoader.parse(toml, file: "v.toml", name: "v")
    #expect(warnings.isEmpty)
    #expect(t.entry(for: .text).foreground == .rgb(0xFF, 0x88, 0x00))
    #expect(t.entry(for: .dim).foreground == .indexed(244))
    #expect(t.entry(for: .border).foreground == .indexed(8))
    #expect(t.entry(for: .title).foreground == .terminalDefault)
    #expect(t.entry(for: .ok).foreground == .terminalDefault)
    #expect(t.entry(for: .warn).foreground == .indexed(196))
    #expect(t.entry(for: .critical).underline && !t.entry(for: .critical).bold)
    #expect(t.entry(for: .series0).foreground == .indexed(1))
    #expect(t.entry(for: .series5).foreground == .rgb(255, 255, 255))
  }

  @Test func invalidColourNamesFileLineAndKey() {
    let toml = "# comment\n\n  warn = 'nope'\n"
    #expect {
      try ThemeLoader.parse(toml, file: "themes/bad.toml", name: "bad")
    } throws: { error in
      guard let e = error as? ThemeError else { return false }
      return e.code == .invalidValue && e.file == "themes/bad.toml" && e.line == 3 && e.key == "warn"
        && e.description.hasPrefix("themes/bad.toml:3: key 'warn': invalid colour \"nope\"")
    }
  }

  @Test(arguments: [
    ("text = \"#12\"", ThemeError.Code.invalidValue, "text"),
    ("ok = 300", .invalidValue, "ok"),
    ("ok = 1.5", .wrongType, "ok"),
    ("ok = [1]", .wrongType, "ok"),
    ("critical_bold = \"yes\"", .wrongType, "critical_bold"),
    ("series = [\"red\"]", .invalidValue, "series"),
    ("series = \"red\"", .wrongType, "series"),
    ("series = [\"red\", \"red\", \"red\", \"red\", \"red\", \"#ggg\"]", .invalidValue, "series"),
  ])
  func badValues(toml: String, code: ThemeError.Code, key: String) {
    #expect {
      try ThemeLoader.parse("title = \"#ffffff\"\n" + toml + "\n", file: "t.toml", name: "t")
    } throws: { error in
      guard let e = error as? ThemeError else { return false }
      return e.code == code && e.key == key && e.line == 2
    }
  }

  @Test func syntaxErrorHasLine() {
    #expect {
      try ThemeLoader.parse("ok = \"#fff\"\ntext = \n", file: "s.toml", name: "s")
    } throws: { error in
      guard let e = error as? ThemeError else { return false }
      return e.code == .syntax && e.line == 2 && e.file == "s.toml"
    }
  }

  @Test func hostileKeysAndValuesAreSanitisedInMessages() throws {
    let (_, warnings) = try ThemeLoader.parse("\"\\u001b]0;x\" = 1\n", file: "h.toml", name: "h")
    #expect(warnings.count == 1)
    #expect(warnings.first?.contains(#"\x1B]0;x"#) == true)
    #expect(warnings.first?.unicodeScalars.contains { $0.value == 0x1B } == false)
  }

  @Test func missingFileIsUnreadable() {
    #expect {
      try ThemeLoader.load(file: URL(fileURLWithPath: "/nonexistent/flightdeck/none.toml"))
    } throws: { error in
      (error as? ThemeError)?.code == .unreadable
    }
    let all = ThemeLoader.loadAll(directory: URL(fileURLWithPath: "/nonexistent/flightdeck"))
    #expect(all.themes.isEmpty && all.errors.count == 1)
  }
}

@Suite struct ThemeLoaderHostileTOMLTests {
  /// `[{` aborted the process inside toml++ (issue 11); now a syntax error with its line.
  @Test func aTableHeaderTomlPlusPlusAssertsOnIsASyntaxError() {
    do {
      _ = try ThemeLoader.parse("text = \"#ffffff\"\n[{", file: "themes/x.toml", name: "x")
      Issue.record("accepted")
    } catch let e as ThemeError {
      #expect(e.code == .syntax && e.file == "themes/x.toml" && e.line == 2)
    } catch {
      Issue.record("unexpected \(error)")
    }
  }
}
