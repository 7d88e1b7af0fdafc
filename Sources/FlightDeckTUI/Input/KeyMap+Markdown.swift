extension KeyMap {
  /// The key map as a Markdown table (keys, scope, action, description),
  /// one row per binding in help order, as the `KeyBindings` DocC article
  /// shows it; a test checks the article contains exactly this text.
  ///
  /// Dangerous bindings are marked `(dangerous; not in read-only mode)`.
  public func markdownTable() -> String {
    var lines = ["| Keys | Scope | Action | Description |", "| --- | --- | --- | --- |"]
    for b in bindings {
      let keys = b.keys.map { "`" + $0.description + "`" }.joined(separator: " ")
      let note = b.isDangerous ? " (dangerous; not in read-only mode)" : ""
      lines.append("| \(keys) | \(b.scope.label) | `\(b.action.rawValue)` | \(b.help)\(note) |")
    }
    return lines.joined(separator: "\n")
  }
}
