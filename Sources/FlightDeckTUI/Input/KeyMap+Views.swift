extension KeyMap {
  /// The drill-down views' bindings, part of ``KeyMap/default``: every
  /// view scrolls with ↑/↓ (`k`/`j`), PgUp/PgDn and Home/End (global: they
  /// scroll the top overlay, and do nothing without one); the alert, ingest
  /// error and text views scroll as the others do; Enter on the
  /// incident view's timeline row, or in the messages view, opens that
  /// entry whole (a text view, Esc returns); `L` opens the status line's
  /// last message whole from anywhere.
  static let viewBindings: [KeyBinding] = {
    let detail: [Overlay] = [.alert, .ingestError, .text]
    var out: [KeyBinding] = []
    out.append(
      KeyBinding(
        keys: [.char("L")], action: .showLastMessage, scope: .global,
        help: "Read the status line's last message whole", hint: "last message"))
    out.append(
      KeyBinding(
        keys: [.enter], action: .openEntry, scope: .overlay(.incident),
        help: "Open the timeline row under the cursor whole", hint: "open", hintPriority: 1))
    out.append(
      KeyBinding(
        keys: [.enter], action: .openEntry, scope: .overlay(.messages),
        help: "Open the message at the top (highlighted) whole", hint: "open", hintPriority: 2))
    out.append(
      KeyBinding(
        keys: [.escape], action: .closeOverlay, scope: .overlay(.text),
        help: "Close the text and return to the view it came from", hint: "close", hintPriority: 0))
    for overlay in detail {
      out += [
        KeyBinding(
          keys: [.up, .char("k")], action: .scrollUp, scope: .overlay(overlay), help: "Scroll up", hint: "up"),
        KeyBinding(
          keys: [.down, .char("j")], action: .scrollDown, scope: .overlay(overlay), help: "Scroll down",
          hint: "scroll", hintPriority: 1),
        KeyBinding(
          keys: [.pageUp], action: .pageUp, scope: .overlay(overlay), help: "Scroll one page up",
          hint: "page up"),
        KeyBinding(
          keys: [.pageDown], action: .pageDown, scope: .overlay(overlay), help: "Scroll one page down",
          hint: "page down"),
      ]
    }
    // Home / End act on whatever view is on top (a key of no pane), so one
    // binding each serves every view rather than one per view in the help.
    out.append(
      KeyBinding(
        keys: [.home], action: .scrollToTop, scope: .global,
        help: "Scroll the open view (or the pane) to its top",
        hint: "top"))
    out.append(
      KeyBinding(
        keys: [.end], action: .scrollToBottom, scope: .global,
        help: "Scroll the open view (or the pane) to its end",
        hint: "end"))
    return out
  }()
}
