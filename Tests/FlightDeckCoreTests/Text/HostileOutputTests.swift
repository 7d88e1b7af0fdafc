import FlightDeckCore
import Foundation
import Testing

/// A hostile name (as an artefact name or alert label from telemetry)
/// printed through every export leaves no raw control, C1, DEL, bidi or
/// zero-width character in the output; each expected text is worked out by
/// hand from the rules in ``TerminalText``, ``DelimitedField`` and
/// ``JSONText/terminalSafe(_:)``.
@Suite struct HostileOutputTests {
  /// OSC 0 (set title) … BEL, OSC 52 (write the clipboard), CSI 2J (clear
  /// screen), the 8-bit CSI U+009B, DEL, RLO U+202E and a zero width space.
  static let hostile =
    "\u{1B}]0;PWN\u{07}\u{1B}]52;c;cHduZWQ=\u{07}\u{1B}[2J\u{9B}2J\u{7F}\u{202E}gpt\u{200B}4"

  /// The same, escaped visibly (`\xHH` up to U+00FF, `\u{HHHH}` above).
  static let visible =
    #"\x1B]0;PWN\x07\x1B]52;c;cHduZWQ=\x07\x1B[2J\x9B2J\x7F\u{202E}gpt\u{200B}4"#

  /// The same inside a JSON string (`\u` and four lower-case hex digits).
  static let json =
    #""\u001b]0;PWN\u0007\u001b]52;c;cHduZWQ=\u0007\u001b[2J\u009b2J\u007f\u202egpt\u200b4""#

  /// Whether `text` holds a scalar a terminal would act on or hide, line
  /// ends (LF, and CR before LF in CSV) excepted.
  static func hasRawControl(_ text: String) -> Bool {
    let scalars = Array(text.unicodeScalars)
    for (i, s) in scalars.enumerated() where TerminalText.needsEscape(s) {
      if s == "\n" { continue }
      if s == "\r", i + 1 < scalars.count, scalars[i + 1] == "\n" { continue }
      return true
    }
    return false
  }

  static let entry = AuditChain.seal(
    AuditEntry(
      sequence: 1, at: Timestamp(millisecondsSinceEpoch: 1_748_736_000_000), actor: hostile,
      action: .rollback,
      subject: "bot:production", before: nil, after: nil, reason: hostile,
      previousHash: AuditChain.genesisHash,
      hash: ""))

  @Test func sanitizeShowsEverySequence() {
    #expect(TerminalText.sanitize(Self.hostile) == Self.visible)
    #expect(!Self.hasRawControl(TerminalText.sanitize(Self.hostile)))
  }

  @Test func argumentErrorsKeepTheirLinesOnly() {
    // What ArgumentParser prints for `--format $'x\e]0;PWN\a'`, with its usage line.
    let message =
      "Error: The value 'x\u{1B}]0;PWN\u{07}' is invalid for '--format <format>'.\nUsage: flightdeck audit export\r\n"
    #expect(
      TerminalText.sanitizeLines(message)
        == #"Error: The value 'x\x1B]0;PWN\x07' is invalid for '--format <format>'."#
        + "\n" + #"Usage: flightdeck audit export\x0D"# + "\n")
  }

  @Test func reversibleEscapingRoundTrips() {
    #expect(TerminalText.escapeReversibly(Self.hostile) == Self.visible)
    #expect(TerminalText.escapeReversibly(#"a\b"#) == #"a\\b"#)
    // `a\x1B` as typed text (backslash, x, 1, B) is not ESC: it must come back as typed.
    #expect(TerminalText.escapeReversibly(#"a\x1B"#) == #"a\\x1B"#)
    for s in [Self.hostile, #"a\x1B"#, #"\\"#, "界\u{1F600}\u{200D}", "", "\u{10FFFF}\u{0}"] {
      #expect(TerminalText.unescape(TerminalText.escapeReversibly(s)) == s)
      #expect(TerminalText.unescape(DelimitedField.escape(s)) == s)
    }
    #expect(TerminalText.unescape(#"\q"#) == nil)
    #expect(TerminalText.unescape(#"\x1"#) == nil)
    #expect(TerminalText.unescape(#"\u{110000}"#) == nil)
  }

  /// The display escaping is injective (issue 11, F11): every string of up
  /// to five scalars over an alphabet of the characters escapes are made of
  /// (backslash, x, u, braces, hex digits) plus ESC and a no-break space
  /// shows differently from every other (checked exhaustively: 66,430
  /// strings, 9⁰ + … + 9⁵), and no output holds a raw control.
  @Test func displayEscapingNeverShowsTwoTextsAlike() {
    let alphabet: [Unicode.Scalar] = ["\\", "x", "u", "{", "}", "1", "B", "\u{1B}", "\u{A0}"]
    var seen: [String: String] = [:]
    var strings: [String] = [""]
    var frontier: [String] = [""]
    for _ in 1...5 {
      frontier = frontier.flatMap { prefix in alphabet.map { prefix + String(Character($0)) } }
      strings += frontier
    }
    var collisions: [(String, String)] = []
    var raw = 0
    for text in strings {
      let shown = TerminalText.sanitize(text)
      if shown.unicodeScalars.contains(where: TerminalText.needsEscape) { raw += 1 }
      if let other = seen.updateValue(text, forKey: shown), other != text { collisions.append((other, text)) }
    }
    #expect(strings.count == 66_430)
    #expect(raw == 0)
    #expect(collisions.isEmpty, "first collisions: \(collisions.prefix(3))")
  }

  @Test func delimitedFieldsAreFormulaSafe() {
    // OWASP CSV injection: =, +, -, @ at the start become their \xHH escape.
    #expect(DelimitedField.escape("=HYPERLINK(\"http://x\")") == #"\x3DHYPERLINK("http://x")"#)
    #expect(DelimitedField.escape("+1") == #"\x2B1"#)
    #expect(DelimitedField.escape("-2+3") == #"\x2D2+3"#)
    #expect(DelimitedField.escape("@SUM(A1)") == #"\x40SUM(A1)"#)
    #expect(DelimitedField.escape("\tx") == #"\x09x"#)
    #expect(DelimitedField.escape("a=b-c") == "a=b-c")
    #expect(DelimitedField.escape(Self.hostile) == Self.visible)
  }

  @Test func auditCSVHoldsNoRawControl() {
    let csv = AuditExport.csv([Self.entry])
    let h = Self.entry.hash
    #expect(
      csv
        == "sequence,at,time,actor,action,subject,before,after,reason,previous_hash,hash,identity\r\n"
        + "1,1748736000000,2025-06-01T00:00:00.000Z,\(Self.visible),rollback,bot:production,,,\(Self.visible),"
        + "\(AuditChain.genesisHash),\(h),\r\n")
    #expect(!Self.hasRawControl(csv))
    // An auditor recovers the stored text, and with it the hash.
    let fields = csv.components(separatedBy: "\r\n")[1].components(separatedBy: ",")
    #expect(TerminalText.unescape(fields[3]) == Self.hostile)
    var recovered = Self.entry
    recovered.actor = TerminalText.unescape(fields[3]) ?? ""
    recovered.reason = TerminalText.unescape(fields[8]) ?? ""
    #expect(AuditChain.isSealedCorrectly(recovered))
  }

  @Test func auditJSONLinesEscapeC1DelBidiAndZeroWidth() throws {
    let line = AuditExport.jsonLines([Self.entry])
    #expect(line.contains(#""actor":"# + Self.json + ","))
    #expect(line.contains(#""reason":"# + Self.json + ","))
    #expect(!Self.hasRawControl(line))
    // A JSON parser reads the stored text back: the hash re-verifies.
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
    #expect(object["actor"] as? String == Self.hostile)
    #expect(object["reason"] as? String == Self.hostile)
  }

  @Test func jsonWritersEscapeC1DelBidiAndZeroWidth() throws {
    var out = ""
    JSONText.appendString(Self.hostile, to: &out)
    #expect(out == Self.json)
    // Any encoder's output: CanonicalJSON leaves DEL, C1, bidi and ZWSP raw (RFC 8259 allows it).
    let canonical = CanonicalJSON.encode(.object(["name": .string(Self.hostile)]))
    #expect(Self.hasRawControl(canonical))
    #expect(JSONText.terminalSafe(canonical) == #"{"name":"# + Self.json + "}")
    // Pretty-printed whitespace between tokens is kept.
    #expect(JSONText.terminalSafe("{\n\t\"a\": \"\u{9B}\"\r\n}") == "{\n\t\"a\": \"\\u009b\"\r\n}")
    let data = try JSONSerialization.data(withJSONObject: ["name": Self.hostile])
    let safe = JSONText.terminalSafe(String(decoding: data, as: UTF8.self))
    #expect(!Self.hasRawControl(safe))
    let back = try #require(try JSONSerialization.jsonObject(with: Data(safe.utf8)) as? [String: String])
    #expect(back["name"] == Self.hostile)
  }

  @Test func junitXMLUsesCharacterReferences() {
    // ESC and BEL cannot be carried by XML 1.0 (→ U+FFFD); DEL, C1, RLO and
    // ZWSP can, and are written as character references.
    let text = GateJUnitWriter.text(Self.hostile)
    #expect(
      text
        == "\u{FFFD}]0;PWN\u{FFFD}\u{FFFD}]52;c;cHduZWQ=\u{FFFD}\u{FFFD}[2J&#x9B;2J&#x7F;&#x202E;gpt&#x200B;4"
    )
    #expect(!Self.hasRawControl(text))
    #expect(GateJUnitWriter.attr("a\u{85}b") == #""a&#x85;b""#)
  }
}
