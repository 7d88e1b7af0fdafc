/// A mouse report from the terminal: a button pressed or released, or the
/// wheel turned, at a cell.
///
/// Decoded from xterm's SGR 1006 reports (``init(sgrParameters:final:)``),
/// which, unlike the X10 form, carry columns and rows past 223.
public struct MouseEvent: Sendable, Hashable {
  /// What happened.
  public enum Kind: Sendable, Hashable {
    /// A button went down (1 left, 2 middle, 3 right).
    case press(button: Int)
    /// A button came up.
    case release(button: Int)
    /// The pointer moved with a button held (drag).
    case drag(button: Int)
    /// The wheel turned away from the user (scroll up).
    case wheelUp
    /// The wheel turned towards the user (scroll down).
    case wheelDown
  }

  /// What happened.
  public var kind: Kind
  /// Column, 0-based from the left.
  public var x: Int
  /// Row, 0-based from the top.
  public var y: Int
  /// Whether Shift, Alt (Meta) or Ctrl was held.
  public var shift = false, alt = false, control = false

  /// Creates an event at 0-based column `x`, row `y`.
  public init(kind: Kind, x: Int, y: Int, shift: Bool = false, alt: Bool = false, control: Bool = false) {
    self.kind = kind
    self.x = x
    self.y = y
    self.shift = shift
    self.alt = alt
    self.control = control
  }

  /// Decodes an SGR 1006 report `ESC [ < Cb ; Cx ; Cy M` (press) or `… m`
  /// (release), given the text between `<` and the final byte and that byte.
  ///
  /// Per xterm's ctlseqs ("SGR (1006)" and "Normal tracking mode"): Cx, Cy
  /// are 1-based; the low two bits of Cb are the button (0 left, 1 middle,
  /// 2 right), +4 Shift, +8 Meta, +16 Ctrl, +32 motion, +64 wheel (64 up,
  /// 65 down). Returns `nil` for anything else (other buttons, numbers out of
  /// range, more or fewer than three fields), so a garbled report is dropped.
  public init?(sgrParameters: String, final: Character) {
    guard final == "M" || final == "m" else { return nil }
    let fields = sgrParameters.split(separator: ";", omittingEmptySubsequences: false)
    guard fields.count == 3, fields.allSatisfy({ $0.count <= 5 && !$0.isEmpty }),
      let cb = Int(fields[0]), let cx = Int(fields[1]), let cy = Int(fields[2]), cb >= 0, cx >= 1, cy >= 1
    else { return nil }
    let button = cb & 3
    let modifiers = (shift: cb & 4 != 0, alt: cb & 8 != 0, control: cb & 16 != 0)
    let kind: Kind
    if cb & 64 != 0 {
      guard cb & 128 == 0, final == "M" else { return nil }
      switch button {
      case 0: kind = .wheelUp
      case 1: kind = .wheelDown
      default: return nil
      }
    } else if cb & 128 != 0 {
      return nil
    } else if cb & 32 != 0 {
      guard button < 3 else { return nil }
      kind = .drag(button: button + 1)
    } else {
      guard button < 3 else { return nil }
      kind = final == "M" ? .press(button: button + 1) : .release(button: button + 1)
    }
    self.init(
      kind: kind, x: cx - 1, y: cy - 1, shift: modifiers.shift, alt: modifiers.alt,
      control: modifiers.control)
  }
}
