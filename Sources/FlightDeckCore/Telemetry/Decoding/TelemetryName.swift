import Foundation

/// The one spelling of a name taken from telemetry (artefact, version,
/// request, session, error type, provider): Unicode Normalization Form C.
///
/// JSON compares strings code point by code point (RFC 8259 §8.3), so `café`
/// written precomposed (U+00E9) and decomposed (`e` + U+0301) are two
/// strings; Swift's `String` equality is canonical equivalence, so the
/// engine's dictionaries would merge them anyway, under whichever spelling
/// came first. Both decoders therefore normalise names to NFC (UAX #15) as
/// they decode them, so the two spellings are one name, always shown
/// precomposed, whichever path, format or order the lines come in.
public enum TelemetryName {
  /// `name` in NFC. ASCII text is returned as is (it is already NFC).
  public static func normalized(_ name: String) -> String {
    if name.utf8.allSatisfy({ $0 < 0x80 }) { return name }
    return name.precomposedStringWithCanonicalMapping
  }

  /// The NFC name held by `bytes` (valid UTF-8).
  public static func name(_ bytes: UnsafeRawBufferPointer) -> String {
    let text = String(decoding: bytes, as: UTF8.self)
    if bytes.allSatisfy({ $0 < 0x80 }) { return text }
    return text.precomposedStringWithCanonicalMapping
  }
}
