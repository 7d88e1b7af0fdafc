import FlightDeckTUI
import Foundation
import Testing

@Suite struct ThemeFilesTests {
  /// `<repo>/themes`: this file is Tests/FlightDeckTUITests/Theme/ThemeFilesTests.swift.
  static let themesDirectory = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("themes")

  static func themeFiles() -> [URL] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: themesDirectory.path)) ?? []
    return names.filter { $0.hasSuffix(".toml") }.sorted().map { themesDirectory.appendingPathComponent($0) }
  }

  @Test func shipsTheRequiredThemes() {
    let names = Set(Self.themeFiles().map { $0.deletingPathExtension().lastPathComponent })
    #expect(names.isSuperset(of: ["dark", "light", "high-contrast", "mono"]))
  }

  @Test(arguments: ThemeFilesTests.themeFiles())
  func everyShippedThemeLoadsCleanly(file: URL) throws {
    let (theme, warnings) = try ThemeLoader.load(file: file)
    #expect(warnings.isEmpty, "\(warnings)")
    #expect(theme.name == file.deletingPathExtension().lastPathComponent)
    for role in StyleRole.allCases { #expect(theme.entries[role] != nil, "\(role) missing") }
    #expect(theme.latencyGradient.count == Theme.gradientSteps)
    #expect(theme.costGradient.count == Theme.gradientSteps)
    // Every file states every key, so nothing silently falls back to the default.
    let text = try String(contentsOf: file, encoding: .utf8)
    for key in [
      "background", "text", "dim", "border", "border_focus", "title", "selection_bg", "selection_fg", "ok",
      "warn",
      "critical", "stable", "canary", "shadow", "series", "header_bg", "header_fg", "footer_key",
      "latency_start",
      "latency_mid", "latency_end", "cost_start", "cost_mid", "cost_end",
    ] {
      #expect(text.contains("\n\(key) = "), "\(file.lastPathComponent) does not set \(key)")
    }
  }

  @Test func loadAllFindsEveryFileWithoutProblems() {
    let result = ThemeLoader.loadAll(directory: Self.themesDirectory)
    #expect(result.errors.isEmpty, "\(result.errors)")
    #expect(result.warnings.isEmpty)
    #expect(result.themes.count == Self.themeFiles().count)
  }

  @Test func builtInDefaultEqualsDarkToml() throws {
    let (dark, _) = try ThemeLoader.load(file: Self.themesDirectory.appendingPathComponent("dark.toml"))
    #expect(dark == ThemeLoader.builtInDefault)
  }

  @Test func monoTomlEqualsMonochrome() throws {
    let (mono, _) = try ThemeLoader.load(file: Self.themesDirectory.appendingPathComponent("mono.toml"))
    #expect(mono == Theme.monochrome)
  }

  @Test func darkThemeValuesSpotCheck() {
    let d = ThemeLoader.builtInDefault
    #expect(d.entry(for: .critical) == Theme.Entry(foreground: .rgb(0xFF, 0x5F, 0x5F), bold: true))
    #expect(d.entry(for: .selection).background == .rgb(0x30, 0x40, 0x60))
    #expect(d.entry(for: .series2).foreground == .rgb(0x87, 0xD7, 0x87))
    // Latency gradient #5fd75f → #ffd75f → #ff5f5f at t = 0, ¼, ½, ¾, 1:
    // ¼: r = 95 + (255 − 95)/2 = 175 (#af); ¾: g = 215 + (95 − 215)/2 = 155 (#9b).
    #expect(
      d.latencyGradient == [
        .rgb(0x5F, 0xD7, 0x5F), .rgb(0xAF, 0xD7, 0x5F), .rgb(0xFF, 0xD7, 0x5F), .rgb(0xFF, 0x9B, 0x5F),
        .rgb(0xFF, 0x5F, 0x5F),
      ])
    #expect(d.entry(for: .latency3).foreground == .rgb(0xFF, 0x9B, 0x5F))
  }
}
