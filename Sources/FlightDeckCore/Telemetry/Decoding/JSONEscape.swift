/// The one-letter escapes of a JSON string (RFC 8259 §7), shared by the
/// strict JSON checker and the OTLP/JSON tokeniser (``JSONByteCursor``).
enum JSONEscape {
  /// The byte the escape `\` `letter` stands for: `"`, `\` and `/` for
  /// themselves, `b`, `f`, `n`, `r`, `t` for backspace, form feed, line
  /// feed, carriage return and tab; `nil` for `u` (four hex digits follow)
  /// and any other byte (not an escape).
  @inline(__always)
  static func byte(_ letter: UInt8) -> UInt8? {
    switch letter {
    case 0x22, 0x5C, 0x2F: return letter
    case 0x62: return 0x08
    case 0x66: return 0x0C
    case 0x6E: return 0x0A
    case 0x72: return 0x0D
    case 0x74: return 0x09
    default: return nil
    }
  }
}
