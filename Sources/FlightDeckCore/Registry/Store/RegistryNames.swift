/// Validation of the names the registry stores: artefacts, versions, tags.
public enum RegistryNames {
  /// Checks an artefact name: 1–128 characters of ASCII letters, digits and
  /// `. _ - /`, starting with a letter or digit.
  /// - Throws: ``RegistryError`` `.invalidInput(field: "artefact")`.
  public static func validateArtefact(_ name: String) throws {
    guard check(name, max: 128, extra: "._-/") else {
      throw RegistryError(
        .invalidInput(field: "artefact"),
        "artefact name \"\(quoted(name))\" is not valid: use 1–128 letters, digits, . _ - or /, starting with a letter or digit"
      )
    }
  }

  /// Checks a version label: 1–64 characters of ASCII letters, digits and
  /// `. _ - +`, starting with a letter or digit (`v12`, `2024.06.01`, `15`).
  /// - Throws: ``RegistryError`` `.invalidInput(field: "version")`.
  public static func validateVersion(_ label: String) throws {
    guard check(label, max: 64, extra: "._-+") else {
      throw RegistryError(
        .invalidInput(field: "version"),
        "version label \"\(quoted(label))\" is not valid: use 1–64 letters, digits, . _ - or +, starting with a letter or digit"
      )
    }
  }

  /// Checks free text (reasons, comments, descriptions, tag values): at most
  /// `max` characters, no control characters, and not blank when `required`.
  /// - Throws: ``RegistryError`` `.invalidInput(field:)`.
  public static func validateText(_ text: String, field: String, max: Int = 2000, required: Bool = false)
    throws
  {
    if required && text.trimmingCharactersInWhitespace().isEmpty {
      throw RegistryError(.invalidInput(field: field), "\(field) is required")
    }
    if text.count > max {
      throw RegistryError(.invalidInput(field: field), "\(field) is longer than \(max) characters")
    }
    if text.unicodeScalars.contains(where: {
      $0.value < 0x20 || $0.value == 0x7F || (0x80...0x9F).contains($0.value)
    }) {
      throw RegistryError(.invalidInput(field: field), "\(field) contains control characters")
    }
  }

  /// How many characters of a refused value an error message echoes
  /// (``excerpt(_:)``).
  public static let echoedCharacters = 80

  /// `text` with control characters shown as `\u{…}` and cut as
  /// ``excerpt(_:)`` cuts (80 scalars, then `… (N characters)`), safe to put
  /// in an error message.
  public static func quoted(_ text: String) -> String {
    var out = ""
    for s in text.unicodeScalars.prefix(echoedCharacters) {
      if s.value < 0x20 || s.value == 0x7F || (0x80...0x9F).contains(s.value) {
        out += "\\u{\(String(s.value, radix: 16))}"
      } else {
        out.unicodeScalars.append(s)
      }
    }
    let length = text.unicodeScalars.count
    return length > echoedCharacters ? out + "… (\(length) characters)" : out
  }

  /// What an error message echoes of a refused value (an argument, a
  /// matcher, a name): `text` itself when it has at most 80 characters
  /// (``echoedCharacters``), else its first 80 followed by `… (N
  /// characters)`, N the whole length, so a 5,000-character argument does
  /// not flood the terminal and the reader still learns how long it was.
  /// Control characters are left for the printer's sanitising
  /// (``TerminalText/sanitize(_:)``).
  /// - Parameter text: the refused value.
  public static func excerpt(_ text: String) -> String {
    let length = text.count
    guard length > echoedCharacters else { return text }
    return String(text.prefix(echoedCharacters)) + "… (\(length) characters)"
  }

  private static func check(_ s: String, max: Int, extra: String) -> Bool {
    let bytes = Array(s.utf8)
    guard (1...max).contains(bytes.count), let first = bytes.first, isAlnum(first) else { return false }
    let extras = Set(extra.utf8)
    return bytes.allSatisfy { isAlnum($0) || extras.contains($0) }
  }

  private static func isAlnum(_ b: UInt8) -> Bool {
    (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(b) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(b)
      || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(b)
  }
}

extension String {
  func trimmingCharactersInWhitespace() -> String {
    var s = Substring(self)
    while let f = s.first, f.isWhitespace { s = s.dropFirst() }
    while let l = s.last, l.isWhitespace { s = s.dropLast() }
    return String(s)
  }
}
