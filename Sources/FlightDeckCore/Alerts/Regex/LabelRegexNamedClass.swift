/// The named classes RE2 knows: Perl's `\d \s \w`, POSIX's `[:alpha:]` and
/// Unicode general categories for `\pL` / `\p{Lu}` (RE2 syntax, ASCII-only
/// for the Perl and POSIX ones as in RE2).
enum LabelRegexNamedClass {
  /// `\d`, `\s`, `\w` by their letter (`d`, `s`, `w`): RE2's ASCII ranges
  /// (`\s` is `[\t\n\f\r ]`, without `\v`).
  static func perl(_ letter: Unicode.Scalar) -> [(UInt32, UInt32)]? {
    switch letter {
    case "d": [(0x30, 0x39)]
    case "s": [(0x09, 0x0A), (0x0C, 0x0D), (0x20, 0x20)]
    case "w": [(0x30, 0x39), (0x41, 0x5A), (0x5F, 0x5F), (0x61, 0x7A)]
    default: nil
    }
  }

  /// `[:name:]` (ASCII), as in RE2's `perl_groups.cc`.
  static func posix(_ name: String) -> [(UInt32, UInt32)]? {
    switch name {
    case "alnum": [(0x30, 0x39), (0x41, 0x5A), (0x61, 0x7A)]
    case "alpha": [(0x41, 0x5A), (0x61, 0x7A)]
    case "ascii": [(0x00, 0x7F)]
    case "blank": [(0x09, 0x09), (0x20, 0x20)]
    case "cntrl": [(0x00, 0x1F), (0x7F, 0x7F)]
    case "digit": [(0x30, 0x39)]
    case "graph": [(0x21, 0x7E)]
    case "lower": [(0x61, 0x7A)]
    case "print": [(0x20, 0x7E)]
    case "punct": [(0x21, 0x2F), (0x3A, 0x40), (0x5B, 0x60), (0x7B, 0x7E)]
    case "space": [(0x09, 0x0D), (0x20, 0x20)]
    case "upper": [(0x41, 0x5A)]
    case "word": [(0x30, 0x39), (0x41, 0x5A), (0x5F, 0x5F), (0x61, 0x7A)]
    case "xdigit": [(0x30, 0x39), (0x41, 0x46), (0x61, 0x66)]
    default: nil
    }
  }

  /// The general categories a `\p` name stands for (`L`, `Lu`, ..., `Any`
  /// as every category); nil for names RE2 would read as scripts (`Greek`),
  /// which are not supported here.
  static func categories(_ name: String) -> Set<Unicode.GeneralCategory>? {
    typealias C = Unicode.GeneralCategory
    let table: [String: [C]] = [
      "Lu": [.uppercaseLetter], "Ll": [.lowercaseLetter], "Lt": [.titlecaseLetter],
      "Lm": [.modifierLetter], "Lo": [.otherLetter],
      "Mn": [.nonspacingMark], "Mc": [.spacingMark], "Me": [.enclosingMark],
      "Nd": [.decimalNumber], "Nl": [.letterNumber], "No": [.otherNumber],
      "Pc": [.connectorPunctuation], "Pd": [.dashPunctuation], "Ps": [.openPunctuation],
      "Pe": [.closePunctuation], "Pi": [.initialPunctuation], "Pf": [.finalPunctuation],
      "Po": [.otherPunctuation],
      "Sm": [.mathSymbol], "Sc": [.currencySymbol], "Sk": [.modifierSymbol], "So": [.otherSymbol],
      "Zs": [.spaceSeparator], "Zl": [.lineSeparator], "Zp": [.paragraphSeparator],
      "Cc": [.control], "Cf": [.format], "Cs": [.surrogate], "Co": [.privateUse],
    ]
    if let one = table[name] { return Set(one) }
    if name == "Any" {
      return Set(table.values.flatMap { $0 } + [.unassigned])
    }
    guard name.count == 1 else { return nil }
    let group = table.filter { $0.key.hasPrefix(name) }.values.flatMap { $0 }
    return group.isEmpty ? nil : Set(group)
  }
}
