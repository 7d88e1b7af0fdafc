import Foundation
import Testing

@testable import FlightDeckTUI

/// Replays the theme corpus the `FuzzTheme` libFuzzer target grew
/// (`Tests/Fixtures/fuzz/FuzzTheme/`, see `Benchmarks/fuzz.sh`) through
/// ``ThemeLoader/parse(_:file:name:)``: no input may crash, and each either
/// loads or is refused with a ``ThemeError`` naming the file and, when it
/// gives one, a line ≥ 1 within the input.
@Suite("Theme fuzz corpus replay")
struct ThemeFuzzCorpusReplayTests {
  @Test("the theme reader refuses or loads every theme corpus file")
  func themes() throws {
    let folder = URL(fileURLWithPath: #filePath)
      .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("Fixtures/fuzz/FuzzTheme")
    let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
    #expect(names.count >= 5)
    for name in names {
      let data = try Data(contentsOf: folder.appendingPathComponent(name))
      guard let text = String(data: data, encoding: .utf8) else { continue }
      let lines = text.unicodeScalars.reduce(1) {
        ["\n", "\r", "\u{85}", "\u{2028}", "\u{2029}"].contains($1) ? $0 + 1 : $0
      }
      do {
        let (theme, warnings) = try ThemeLoader.parse(text, file: "theme.toml", name: "theme")
        #expect(theme.name == "theme", "\(name)")
        #expect(warnings.allSatisfy { $0.hasPrefix("theme.toml") }, "\(name)")
      } catch let error as ThemeError {
        #expect(error.file == "theme.toml", "\(name): \(error)")
        if let line = error.line { #expect(line >= 1 && line <= lines, "\(name): \(error)") }
      }
    }
  }
}
