/// A key press, decoded from the terminal by a backend.
public enum Key: Sendable, Hashable, CustomStringConvertible {
  /// A printable character (`q`, `?`, `/`, `P`, …).
  case char(Character)
  /// Control plus a letter (`ctrl(c)` for Ctrl-C), lower-case letter.
  case ctrl(Character)
  case up, down, left, right
  case pageUp, pageDown, home, end
  case tab, backTab
  case enter, escape, backspace, delete
  /// Function key F1…F12.
  case function(Int)

  /// How the key is written in help text and hints (`q`, `Tab`, `Ctrl-C`, `↑`).
  public var description: String {
    switch self {
    case .char(" "): return "Space"
    case .char(let c): return String(c)
    case .ctrl(let c): return "Ctrl-" + String(c).uppercased()
    case .up: return "↑"
    case .down: return "↓"
    case .left: return "←"
    case .right: return "→"
    case .pageUp: return "PgUp"
    case .pageDown: return "PgDn"
    case .home: return "Home"
    case .end: return "End"
    case .tab: return "Tab"
    case .backTab: return "Shift-Tab"
    case .enter: return "Enter"
    case .escape: return "Esc"
    case .backspace: return "Backspace"
    case .delete: return "Del"
    case .function(let n): return "F\(n)"
    }
  }
}
