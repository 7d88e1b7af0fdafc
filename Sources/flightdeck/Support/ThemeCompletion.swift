import FlightDeckCore
import FlightDeckTUI
import Foundation

/// Shell completion for `--theme`, which takes a theme name or a path to a
/// `.toml` file: swift-argument-parser's custom completion kind (the shell
/// runs `flightdeck` to ask), since neither a word list nor file completion
/// alone covers both.
enum ThemeCompletion {
  /// The theme names `--theme` takes: each `NAME.toml` shipped beside the
  /// binary (``ThemeCatalog/directory(environment:)``) and in the operator's
  /// themes folder (``UserDirectories/themesDirectory``), and the built-in
  /// `dark`; sorted, once each.
  static var names: [String] {
    let folders = [ThemeCatalog.directory()?.path, UserDirectories.current.themesDirectory].compactMap { $0 }
    let files = folders.flatMap { (try? FileManager.default.contentsOfDirectory(atPath: $0)) ?? [] }
    return Set(files.filter { $0.hasSuffix(".toml") }.map { String($0.dropLast(5)) } + ["dark"]).sorted()
  }

  /// The names starting with `prefix`, then the folders (with a trailing
  /// `/`) and `.toml` files whose path starts with `prefix`, sorted.
  /// - Parameter prefix: what the user has typed of the value so far.
  static func candidates(prefix: String) -> [String] {
    let slash = prefix.lastIndex(of: "/")
    let folder = slash.map { String(prefix[...$0]) } ?? ""
    let stem = slash.map { String(prefix[prefix.index(after: $0)...]) } ?? prefix
    let listed = (try? FileManager.default.contentsOfDirectory(atPath: folder.isEmpty ? "." : folder)) ?? []
    var paths: [String] = []
    for entry in listed.sorted() where entry.hasPrefix(stem) && (!entry.hasPrefix(".") || stem.hasPrefix("."))
    {
      var isFolder: ObjCBool = false
      _ = FileManager.default.fileExists(atPath: folder + entry, isDirectory: &isFolder)
      if isFolder.boolValue {
        paths.append(folder + entry + "/")
      } else if entry.hasSuffix(".toml") {
        paths.append(folder + entry)
      }
    }
    return names.filter { $0.hasPrefix(prefix) } + paths
  }
}
