extension Key {
  /// The key a keymap file names, or `nil` for a name FlightDeck does not know.
  ///
  /// Accepted, case-insensitively except for single characters: every form
  /// ``description`` prints (`q`, `Space`, `Ctrl-C`, `↑`, `PgUp`, `Shift-Tab`,
  /// `Esc`, `Del`, `F5`), plus the spellings lazygit and Vim users write:
  /// `<c-c>` and `C-c` for Ctrl-C, `Up`/`Down`/`Left`/`Right`, `PageUp`,
  /// `PageDown`, `Escape`, `Return`, `Delete`, `BackTab`. A single
  /// character stands for itself (`P` is not `p`); control characters and
  /// other invisible ones are refused.
  /// - Parameter name: the key as written in the file.
  public init?(name: String) {
    if name.count == 1, let c = name.first {
      if c == " " {
        self = .char(" ")
        return
      }
      let invisible = c.unicodeScalars.contains {
        $0.properties.generalCategory == .control || $0.properties.generalCategory == .format
      }
      if invisible { return nil }
      switch c {
      case "↑": self = .up
      case "↓": self = .down
      case "←": self = .left
      case "→": self = .right
      default:
        guard !c.isWhitespace else { return nil }
        self = .char(c)
      }
      return
    }
    var lower = name.lowercased()
    if lower.hasPrefix("<") && lower.hasSuffix(">") && lower.count > 2 {
      lower = String(lower.dropFirst().dropLast())
    }
    for prefix in ["ctrl-", "ctrl+", "c-", "^"] where lower.hasPrefix(prefix) {
      let rest = lower.dropFirst(prefix.count)
      guard rest.count == 1, let c = rest.first, c.isASCII, c.isLetter else { return nil }
      self = .ctrl(c)
      return
    }
    if lower.hasPrefix("f"), let n = Int(lower.dropFirst()), (1...12).contains(n), lower.count <= 3 {
      self = .function(n)
      return
    }
    let named: [String: Key] = [
      "space": .char(" "), "tab": .tab, "shift-tab": .backTab, "backtab": .backTab, "s-tab": .backTab,
      "enter": .enter, "return": .enter, "cr": .enter, "esc": .escape, "escape": .escape,
      "backspace": .backspace, "bs": .backspace, "del": .delete, "delete": .delete, "up": .up, "down": .down,
      "left": .left, "right": .right, "pgup": .pageUp, "pageup": .pageUp, "pgdn": .pageDown,
      "pagedown": .pageDown, "home": .home, "end": .end,
    ]
    guard let key = named[lower] else { return nil }
    self = key
  }
}
