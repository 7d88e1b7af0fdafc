/// Finds the source line of a TOML key path, for error messages.
///
/// TOMLKit reports positions only for syntax errors, so this scans the text
/// line by line: `[table]` and `[[array]]` headers set the current path
/// (array-of-tables elements numbered from 0, as in `artefact[1].canary`),
/// `key = value` lines add `path.key`, and inline tables on such a line add
/// `path.key.inner`. It is a best-effort index (multi-line values are not
/// followed); a path it does not know falls back to its nearest known parent.
/// Used for every TOML file FlightDeck reads: configuration, price tables,
/// scenarios and themes.
public struct TOMLKeyLocator: Sendable {
  private var lines: [String: Int] = [:]

  /// Indexes `source` (the whole TOML text) once.
  public init(source: String) {
    var arrayCounts: [String: Int] = [:]
    var current = ""
    var lineNumber = 0
    for rawLine in source.split(separator: "\n", omittingEmptySubsequences: false) {
      lineNumber += 1
      let line = TOMLKeyLocator.stripComment(rawLine).trimmingSpaces()
      if line.hasPrefix("[[") {
        let inner = line.dropFirst(2).prefix { $0 != "]" }
        var components = TOMLKeyLocator.splitKey(inner)
        guard let last = components.popLast() else { continue }
        let parent = TOMLKeyLocator.resolve(components, arrayCounts: arrayCounts)
        let arrayPath = TOMLKeyLocator.join(parent, last)
        let index = arrayCounts[arrayPath, default: 0]
        arrayCounts[arrayPath] = index + 1
        current = arrayPath + "[\(index)]"
        lines[current] = lines[current] ?? lineNumber
      } else if line.hasPrefix("[") {
        let inner = line.dropFirst().prefix { $0 != "]" }
        current = TOMLKeyLocator.resolve(TOMLKeyLocator.splitKey(inner), arrayCounts: arrayCounts)
        lines[current] = lines[current] ?? lineNumber
      } else if let equals = TOMLKeyLocator.topLevelEquals(line) {
        let key = TOMLKeyLocator.splitKey(line[..<equals]).joined(separator: ".")
        guard !key.isEmpty else { continue }
        let path = TOMLKeyLocator.join(current, key)
        lines[path] = lines[path] ?? lineNumber
        let value = line[line.index(after: equals)...].trimmingSpaces()
        if value.hasPrefix("{") {
          for part in TOMLKeyLocator.splitTopLevel(value.dropFirst().prefix { $0 != "}" }) {
            guard let innerEquals = TOMLKeyLocator.topLevelEquals(part) else { continue }
            let innerKey = TOMLKeyLocator.splitKey(part[..<innerEquals]).joined(separator: ".")
            let innerPath = TOMLKeyLocator.join(path, innerKey)
            lines[innerPath] = lines[innerPath] ?? lineNumber
          }
        }
      }
    }
  }

  /// The line of `path`, or of its nearest indexed parent; `nil` if none.
  public func line(for path: String) -> Int? {
    var candidate = Substring(path)
    while !candidate.isEmpty {
      if let line = lines[String(candidate)] { return line }
      guard let cut = candidate.lastIndex(where: { $0 == "." || $0 == "[" }) else { return nil }
      candidate = candidate[..<cut]
    }
    return nil
  }

  private static func join(_ parent: String, _ key: String) -> String {
    parent.isEmpty ? key : parent + "." + key
  }

  private static func resolve(_ components: [String], arrayCounts: [String: Int]) -> String {
    var resolved = ""
    for component in components {
      let candidate = join(resolved, component)
      if let count = arrayCounts[candidate], count > 0 {
        resolved = candidate + "[\(count - 1)]"
      } else {
        resolved = candidate
      }
    }
    return resolved
  }

  /// Splits a dotted key outside quotes and removes quotes and spaces.
  private static func splitKey(_ text: Substring) -> [String] {
    var parts: [String] = []
    var currentPart = ""
    var quote: Character?
    for char in text {
      if let open = quote {
        if char == open { quote = nil } else { currentPart.append(char) }
      } else if char == "\"" || char == "'" {
        quote = char
      } else if char == "." {
        parts.append(String(currentPart.trimmingSpaces()))
        currentPart = ""
      } else {
        currentPart.append(char)
      }
    }
    parts.append(String(currentPart.trimmingSpaces()))
    return parts.filter { !$0.isEmpty }
  }

  /// The first `target` outside single- or double-quoted text, searching
  /// from `from` (default: the start); `nil` if none.
  private static func firstUnquoted(
    _ target: Character, in text: Substring, from: Substring.Index? = nil
  ) -> Substring.Index? {
    var quote: Character?
    var index = from ?? text.startIndex
    while index < text.endIndex {
      let char = text[index]
      if let open = quote {
        if char == open { quote = nil }
      } else if char == "\"" || char == "'" {
        quote = char
      } else if char == target {
        return index
      }
      index = text.index(after: index)
    }
    return nil
  }

  /// Splits at commas outside quotes.
  private static func splitTopLevel(_ text: Substring) -> [Substring] {
    var parts: [Substring] = []
    var start = text.startIndex
    while let comma = firstUnquoted(",", in: text, from: start) {
      parts.append(text[start..<comma])
      start = text.index(after: comma)
    }
    parts.append(text[start...])
    return parts
  }

  private static func topLevelEquals(_ text: Substring) -> Substring.Index? {
    firstUnquoted("=", in: text)
  }

  private static func stripComment(_ text: Substring) -> Substring {
    firstUnquoted("#", in: text).map { text[..<$0] } ?? text
  }
}

extension StringProtocol {
  /// The text without leading and trailing spaces, tabs and carriage returns.
  fileprivate func trimmingSpaces() -> Substring {
    let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" }
    guard let first = firstIndex(where: { !isSpace($0) }) else { return Substring() }
    let last = lastIndex(where: { !isSpace($0) }) ?? first
    return Substring(self[first...last])
  }
}
