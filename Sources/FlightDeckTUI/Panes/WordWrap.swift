/// Greedy word wrapping by display width (``DisplayWidth``), for short
/// plain messages (notices, placeholders).
public enum WordWrap {
  /// Splits `text` at spaces into lines of at most `width` columns; a word
  /// longer than `width` gets a line of its own (the caller's `put` clips it),
  /// or, with `breakingLongWords`, is cut into lines of `width` columns so
  /// that nothing is lost (a path, a URL, an SQL identifier in an error).
  /// - Returns: the lines, or `[]` when `width` ≤ 0.
  public static func lines(_ text: String, width: Int, breakingLongWords: Bool = false) -> [String] {
    guard width > 0 else { return [] }
    var lines: [String] = []
    var line = ""
    for whole in text.split(separator: " ") {
      var word = Substring(whole)
      if breakingLongWords {
        while DisplayWidth.of(String(word)) > width {
          if !line.isEmpty {
            lines.append(line)
            line = ""
          }
          // At least one cluster per line, even one wider than `width` (put clips it).
          var head = TextClip.prefix(String(word), maxWidth: width)
          if head.isEmpty, let first = word.first { head = String(first) }
          lines.append(head)
          word = word.dropFirst(head.count)
        }
        if word.isEmpty { continue }
      }
      let candidate = line.isEmpty ? String(word) : line + " " + word
      if DisplayWidth.of(candidate) <= width || line.isEmpty {
        line = candidate
      } else {
        lines.append(line)
        line = String(word)
      }
    }
    if !line.isEmpty { lines.append(line) }
    return lines
  }
}
