/// Case folding for `(?i)`: two scalars match each other when their
/// canonical forms (simple uppercase, then simple lowercase, each kept only
/// when it is a single scalar) are equal, so `k`, `K` and the Kelvin sign
/// U+212A all fold to `k`, and `ſ` (U+017F) to `s`, as in RE2's simple case
/// folding orbits.
enum LabelRegexCaseFold {
  /// The scalar `c` folds to (ASCII letters to lowercase without a table lookup).
  static func canonical(_ c: Unicode.Scalar) -> Unicode.Scalar {
    let v = c.value
    if v < 0x80 { return v >= 0x41 && v <= 0x5A ? Unicode.Scalar(v + 0x20)! : c }
    let upper = single(c.properties.uppercaseMapping) ?? c
    return single(upper.properties.lowercaseMapping) ?? upper
  }

  /// `c`, its simple lowercase, simple uppercase and canonical form (the
  /// scalars a case-folded character class is probed with).
  static func variants(_ c: Unicode.Scalar) -> [Unicode.Scalar] {
    let v = c.value
    if v < 0x80 {
      if v >= 0x41 && v <= 0x5A { return [c, Unicode.Scalar(v + 0x20)!] }
      if v >= 0x61 && v <= 0x7A { return [c, Unicode.Scalar(v - 0x20)!] }
      return [c]
    }
    var out = [c]
    for m in [single(c.properties.lowercaseMapping), single(c.properties.uppercaseMapping), canonical(c)] {
      if let m, !out.contains(m) { out.append(m) }
    }
    return out
  }

  /// The only scalar of `text`, or nil when it has none or several.
  private static func single(_ text: String) -> Unicode.Scalar? {
    var it = text.unicodeScalars.makeIterator()
    guard let first = it.next(), it.next() == nil else { return nil }
    return first
  }
}
