import Foundation

/// Shell completion for `--theme`, which takes a theme name or a path to a
/// `.toml` file: swift-argument-parser's custom completion kind (the shell
/// runs `flightdeck` to ask), since neither a word list nor file completion
/// alone covers both.
enum ThemeCompletion {
  /// The themes shipped in themes/.
  static let names = ["dark", "light", "high-contrast", "mono", "tty"]

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
