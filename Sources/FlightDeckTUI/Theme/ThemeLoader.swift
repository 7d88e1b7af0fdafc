import FlightDeckCore
import Foundation
import TOMLKit

/// Loads themes from `themes/*.toml` (flat semantic keys, btop/k9s style).
///
/// Rules: keys a file does not set fall back to ``builtInDefault`` (equal to
/// `themes/dark.toml`); unknown keys are reported as warnings
/// (`file:line: unknown key 'k' (ignored)`), never silently dropped; a known
/// key with a bad value is a ``ThemeError`` naming file, line and key. The
/// key list and value forms are in the `Themes` article of the docs.
public enum ThemeLoader {
  /// The built-in default theme ("dark").
  public static let builtInDefault: Theme = ThemeSpec.dark.makeTheme(name: "dark")

  /// Loads one theme file; the theme's name is the file name without
  /// `.toml`.
  ///
  /// - Parameter file: a `.toml` theme file.
  /// - Returns: the theme and the warnings (unknown keys), each
  ///   `path:line: message`.
  /// - Throws: ``ThemeError`` with code `.unreadable` when the file cannot be
  ///   read as UTF-8, `.syntax` when it is not TOML (with the parser's line),
  ///   `.wrongType` / `.invalidValue` for a bad value of a known key.
  public static func load(file: URL) throws -> (theme: Theme, warnings: [String]) {
    let text: String
    do {
      text = try String(contentsOf: file, encoding: .utf8)
    } catch {
      throw ThemeError(
        code: .unreadable, file: file.path, line: nil, key: nil, message: "cannot read file (\(error))")
    }
    return try parse(text, file: file.path, name: file.deletingPathExtension().lastPathComponent)
  }

  /// Parses theme TOML `text` (see ``load(file:)``); `file` is used in
  /// messages only.
  ///
  /// - Throws: ``ThemeError`` as for ``load(file:)``.
  public static func parse(_ text: String, file: String, name: String) throws -> (
    theme: Theme, warnings: [String]
  ) {
    let table: TOMLTable
    do {
      table = try TOMLScreen.parse(text)
    } catch let error as TOMLSyntaxError {
      throw ThemeError(
        code: .syntax, file: file, line: error.line, key: nil,
        message: "invalid TOML: \(Sanitizer.sanitize(error.message))")
    } catch {
      throw ThemeError(code: .syntax, file: file, line: nil, key: nil, message: "invalid TOML: \(error)")
    }
    var spec = ThemeSpec.dark
    var warnings: [String] = []
    let locator = TOMLKeyLocator(source: text)
    for key in table.keys.sorted(by: { locator.line(for: $0) ?? 0 < locator.line(for: $1) ?? 0 }) {
      guard let value = table[key] else { continue }
      let line = locator.line(for: key)
      func fail(_ code: ThemeError.Code, _ message: String) -> ThemeError {
        ThemeError(code: code, file: file, line: line, key: Sanitizer.sanitize(key), message: message)
      }
      if ThemeSpec.colorKeys.contains(key) {
        spec.colors[key] = try color(value, fail)
      } else if key == "series" {
        guard let array = value.array else {
          throw fail(.wrongType, "expected an array of \(ThemeSpec.seriesCount) colours")
        }
        guard array.count == ThemeSpec.seriesCount else {
          throw fail(.invalidValue, "expected \(ThemeSpec.seriesCount) colours, found \(array.count)")
        }
        spec.series = try array.map { try color($0, fail) }
      } else if ThemeSpec.attributeKey(key) != nil {
        guard value.type == .bool, let flag = value.bool else {
          throw fail(.wrongType, "expected true or false")
        }
        spec.attributes[key] = flag
      } else {
        let location = line.map { "\(file):\($0)" } ?? file
        warnings.append("\(location): unknown key '\(Sanitizer.sanitize(key))' (ignored)")
      }
    }
    return (spec.makeTheme(name: name), warnings)
  }

  /// Loads every `*.toml` file in `directory`, sorted by file name.
  ///
  /// - Returns: the themes that loaded, all warnings, and one error per file
  ///   that failed (or one `.unreadable` error for the directory itself).
  public static func loadAll(directory: URL) -> (themes: [Theme], warnings: [String], errors: [ThemeError]) {
    let names: [String]
    do {
      names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
    } catch {
      let e = ThemeError(
        code: .unreadable, file: directory.path, line: nil, key: nil,
        message: "cannot list directory (\(error))")
      return ([], [], [e])
    }
    var themes: [Theme] = []
    var warnings: [String] = []
    var errors: [ThemeError] = []
    for name in names.filter({ $0.hasSuffix(".toml") }).sorted() {
      do {
        let (theme, w) = try load(file: directory.appendingPathComponent(name))
        themes.append(theme)
        warnings += w
      } catch let e as ThemeError {
        errors.append(e)
      } catch {
        errors.append(
          ThemeError(code: .unreadable, file: name, line: nil, key: nil, message: "\(error)"))
      }
    }
    return (themes, warnings, errors)
  }

  /// A colour from a TOML value: a string (``TerminalColor/parse(_:)``) or
  /// an integer palette index 0–255.
  static func color(
    _ value: TOMLValueConvertible, _ fail: (ThemeError.Code, String) -> ThemeError
  ) throws -> TerminalColor {
    let expected = "expected #RRGGBB, #RGB, 0-255, an ANSI name (red, bright_red, ...) or \"default\""
    if value.type == .int, let i = value.int {
      guard (0...255).contains(i) else { throw fail(.invalidValue, "palette index \(i) out of 0-255") }
      return .indexed(UInt8(i))
    }
    guard value.type == .string, let s = value.string else {
      throw fail(.wrongType, "expected a colour string or integer; \(expected)")
    }
    guard let c = TerminalColor.parse(s) else {
      throw fail(.invalidValue, "invalid colour \"\(Sanitizer.sanitize(s))\"; \(expected)")
    }
    return c
  }
}
