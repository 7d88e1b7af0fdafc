import FlightDeckCore
import Foundation

/// Finds and loads the shipped themes (`themes/*.toml`) and the operator's
/// own (`themes/*.toml` in the configuration folder, ``UserDirectories``) at
/// run time; an operator's theme of a shipped theme's name replaces it.
///
/// The themes folder is looked for, in order, in `$FLIGHTDECK_THEMES`, in
/// `./themes`, and in the folders above the executable (a SwiftPM build runs
/// from `.build/<triple>/<config>/`, three levels below the checkout). When
/// none is found, only the built-in default (equal to `themes/dark.toml`)
/// is available.
public enum ThemeCatalog {
  /// The themes folder, if one is found.
  public static func directory(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL? {
    var candidates: [URL] = []
    if let env = environment["FLIGHTDECK_THEMES"], !env.isEmpty {
      candidates.append(URL(fileURLWithPath: env))
    }
    candidates.append(
      URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent("themes"))
    var dir = URL(fileURLWithPath: executablePath()).deletingLastPathComponent()
    for _ in 0..<6 {
      candidates.append(dir.appendingPathComponent("themes"))
      dir = dir.deletingLastPathComponent()
    }
    return candidates.first {
      FileManager.default.fileExists(atPath: $0.appendingPathComponent("dark.toml").path)
    }
  }

  private static func executablePath() -> String {
    (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
  }

  /// The themes to cycle through, the chosen one first.
  ///
  /// - Parameters:
  ///   - choice: a theme name (a file in the themes folder, without `.toml`)
  ///     or a path to a `.toml` file; `nil` for the default (`dark`).
  /// - Returns: the themes and the loader's warnings (unknown keys), each
  ///   naming its file.
  /// - Throws: ``ThemeError`` for a theme file that cannot be used, or with
  ///   code `unknownTheme` when no theme of that name exists.
  public static func load(
    choice: String?, environment: [String: String] = ProcessInfo.processInfo.environment
  )
    throws -> (themes: [Theme], warnings: [String])
  {
    var themes: [Theme] = []
    var warnings: [String] = []
    if let dir = directory(environment: environment) {
      let all = ThemeLoader.loadAll(directory: dir)
      themes = all.themes
      warnings += all.warnings
    }
    let own = URL(fileURLWithPath: UserDirectories.resolve(environment: environment).themesDirectory)
    var isFolder: ObjCBool = false
    if FileManager.default.fileExists(atPath: own.path, isDirectory: &isFolder), isFolder.boolValue {
      let all = ThemeLoader.loadAll(directory: own)
      let names = Set(all.themes.map(\.name))
      themes = themes.filter { !names.contains($0.name) } + all.themes
      warnings += all.warnings + all.errors.map(\.description)
    }
    themes.sort { $0.name < $1.name }
    if !themes.contains(where: { $0.name == ThemeLoader.builtInDefault.name }) {
      themes.insert(ThemeLoader.builtInDefault, at: 0)
    }
    let wanted = choice ?? ThemeLoader.builtInDefault.name
    if wanted.hasSuffix(".toml") || wanted.contains("/") {
      let (theme, w) = try ThemeLoader.load(file: URL(fileURLWithPath: wanted))
      warnings += w
      themes.removeAll { $0.name == theme.name }
      themes.insert(theme, at: 0)
    } else if let i = themes.firstIndex(where: { $0.name == wanted }) {
      themes.insert(themes.remove(at: i), at: 0)
    } else {
      throw ThemeError(
        code: .unknownTheme, file: wanted, line: nil, key: nil,
        message:
          "no such theme (available: \(themes.map(\.name).joined(separator: ", ")), or give a path to a .toml file)"
      )
    }
    return (themes, warnings)
  }
}
