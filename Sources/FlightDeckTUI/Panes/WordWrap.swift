/// Greedy word wrapping by display width (``DisplayWidth``), for short
/// plain messages (notices, placeholders).
public enum WordWrap {
  /// Splits `text` at spaces into lines of at most `width` columns; a word
  /// longer than `width` gets a line of its own (the caller's `put` clips it).
  /// - Returns: the lines, or `[]` when `width` ≤ 0.
  public static func lines(_ text: String, width: Int) -> [String] {
    guard width > 0 else { return [] }
    var lines: [String] = []
    var line = ""
    for word in text.split(separator: " ") {
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
