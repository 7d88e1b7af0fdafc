extension JSONText {
  /// `json` with every scalar a terminal would act on or hide written as a
  /// JSON `\uXXXX` escape, so printing the document cannot set a title,
  /// write the clipboard, clear the screen or reorder text.
  ///
  /// RFC 8259 §7 requires escaping only U+0000–U+001F inside strings; DEL,
  /// the C1 controls (U+0080–U+009F, e.g. the 8-bit CSI U+009B), bidi
  /// controls, U+2028/U+2029 and zero-width characters may appear raw. Every
  /// scalar for which ``TerminalText/needsEscape(_:)`` holds becomes `\u`
  /// and four lower-case hex digits (all of them are in the BMP: no
  /// surrogate pairs), which every JSON parser reads back as the same
  /// scalar: the document's value is unchanged. Tab, newline and carriage
  /// return are left alone: in valid JSON they occur raw only as whitespace
  /// between tokens (a pretty-printed document), never inside a string.
  ///
  /// - Parameter json: a JSON text (any encoder's output).
  /// - Returns: the same JSON value, terminal-safe; clean input unchanged.
  public static func terminalSafe(_ json: String) -> String {
    func unsafe(_ s: Unicode.Scalar) -> Bool {
      TerminalText.needsEscape(s) && s != "\n" && s != "\t" && s != "\r"
    }
    guard json.unicodeScalars.contains(where: unsafe) else { return json }
    var out = String.UnicodeScalarView()
    for scalar in json.unicodeScalars {
      if unsafe(scalar) {
        out.append(contentsOf: unicodeEscape(scalar).unicodeScalars)
      } else {
        out.append(scalar)
      }
    }
    return String(out)
  }

  /// `\uXXXX` (four lower-case hex digits) for a BMP scalar.
  static func unicodeEscape(_ scalar: Unicode.Scalar) -> String {
    let hex = String(scalar.value, radix: 16)
    return "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
  }
}
