/// Parses the RE2 syntax of Prometheus label matchers into a
/// ``LabelRegexNode`` tree, refusing what RE2 refuses (backreferences,
/// lookaround, possessive or stacked repetition, counts over 1000) with Go's
/// `regexp/syntax` messages.
///
/// Recursive descent; the recursion depth is bounded by
/// ``LabelRegex/maxNesting`` groups, checked before descending, so no
/// pattern can exhaust the stack.
struct LabelRegexParser {
  private let scalars: [Unicode.Scalar]
  private var position = 0
  private var flags = LabelRegexFlags()
  private var depth = 0

  /// Parses `pattern`.
  /// - Throws: ``LabelRegexError`` naming the first fault.
  static func parse(_ pattern: String) throws(LabelRegexError) -> LabelRegexNode {
    var parser = LabelRegexParser(scalars: Array(pattern.unicodeScalars))
    let node = try parser.alternation()
    if parser.position < parser.scalars.count {
      // Only a `)` without its `(` stops the top-level alternation early.
      throw LabelRegexError("unexpected )", fragment: pattern, offset: parser.position)
    }
    return node
  }

  private init(scalars: [Unicode.Scalar]) { self.scalars = scalars }

  private var peek: Unicode.Scalar? { position < scalars.count ? scalars[position] : nil }

  private func peek(_ ahead: Int) -> Unicode.Scalar? {
    position + ahead < scalars.count ? scalars[position + ahead] : nil
  }

  private func text(_ from: Int, _ to: Int) -> String {
    var s = String.UnicodeScalarView()
    s.append(contentsOf: scalars[max(0, from)..<min(to, scalars.count)])
    return String(s)
  }

  private func fail(_ message: String, from: Int, to: Int) -> LabelRegexError {
    LabelRegexError(message, fragment: text(from, to), offset: from)
  }

  // MARK: Alternation and concatenation

  private mutating func alternation() throws(LabelRegexError) -> LabelRegexNode {
    var branches = [try concatenation()]
    while peek == "|" {
      position += 1
      branches.append(try concatenation())
    }
    if branches.count == 1 { return branches[0] }
    if let union = Self.scalarUnion(branches) { return .characterClass(union) }
    return .alternation(branches)
  }

  /// An alternation whose every branch is one scalar or a plain class
  /// (`a|b|c`, `x|[0-9]`, `(?i)k|s`) as one class, as Go's parser merges
  /// them: a whole-value match has no captures and no preference among
  /// branches, so the answer is the same, and a 26-way `a|b|...|z` costs one
  /// instruction per step instead of 76 (issue 11 breaker, R2). Nil when a
  /// branch is anything else (a negated class or one with `\p` categories too).
  private static func scalarUnion(_ branches: [LabelRegexNode]) -> LabelRegexCharacterClass? {
    var members: [(UInt32, UInt32)] = []
    for branch in branches {
      switch branch {
      case .literal(let c, let folds):
        members.append((c.value, c.value))
        guard folds else { continue }
        var f = LabelRegexCaseFold.next(c.value)
        while f != c.value {
          members.append((f, f))
          f = LabelRegexCaseFold.next(f)
        }
      case .characterClass(let cls)
      where !cls.negated && cls.categories.isEmpty && cls.excludedCategories.isEmpty:
        // Its ranges are already folded when it was parsed under (?i).
        members += cls.ranges.map { ($0.lowerBound, $0.upperBound) }
      default:
        return nil
      }
    }
    var union = LabelRegexCharacterClass()
    union.add(contentsOf: members)
    return union
  }

  private mutating func concatenation() throws(LabelRegexError) -> LabelRegexNode {
    var items: [LabelRegexNode] = []
    // Where the last repetition operator began, while it is the last thing
    // parsed (RE2 refuses `a**`, `a*+`, `a{2}{3}`: stacked repetition).
    var lastRepeat: Int?
    while let c = peek, c != "|", c != ")" {
      let start = position
      var repeatRange: (min: Int, max: Int?, counted: Bool)?
      switch c {
      case "*": repeatRange = (0, nil, false)
      case "+": repeatRange = (1, nil, false)
      case "?": repeatRange = (0, 1, false)
      case "{":
        if let (lo, hi, end) = try braces() {
          repeatRange = (lo, hi, true)
          position = end - 1
        }
      default: break
      }
      if let r = repeatRange {
        position += 1
        if peek == "?" { position += 1 }  // lazy: same set of full matches
        if let last = lastRepeat {
          throw fail("invalid nested repetition operator", from: last, to: position)
        }
        guard let operand = items.popLast() else {
          throw fail("missing argument to repetition operator", from: start, to: position)
        }
        let node = LabelRegexNode.repetition(operand, min: r.min, max: r.max, counted: r.counted)
        if r.counted && (r.min >= 2 || (r.max ?? 0) >= 2) && !Self.repeatIsValid(node, 1000) {
          throw fail("invalid repeat count", from: start, to: position)
        }
        items.append(node)
        lastRepeat = start
        continue
      }
      lastRepeat = nil
      items.append(contentsOf: try atom())
    }
    switch items.count {
    case 0: return .empty
    case 1: return items[0]
    default: return .concatenation(items)
    }
  }

  /// Go's `repeatIsValid`: nested brace counts multiply to at most `n` copies.
  private static func repeatIsValid(_ node: LabelRegexNode, _ limit: Int) -> Bool {
    var n = limit
    switch node {
    case .repetition(let sub, let lo, let hi, let counted):
      if counted {
        let m = hi ?? lo
        if m == 0 { return true }
        if m > n { return false }
        n /= m
      }
      return repeatIsValid(sub, n)
    case .concatenation(let parts), .alternation(let parts):
      return parts.allSatisfy { repeatIsValid($0, n) }
    default:
      return true
    }
  }

  /// Reads `{m}`, `{m,}` or `{m,n}` at `position` without consuming it.
  /// - Returns: the bounds and the offset just past `}`; nil when the text is
  ///   not a repetition (then `{` is a literal, as in RE2).
  /// - Throws: `invalid repeat count` for counts over 1000 or `n < m`.
  private func braces() throws(LabelRegexError) -> (Int, Int?, Int)? {
    var i = position + 1
    func number() -> (value: Int, ok: Bool)? {
      let begin = i
      while i < scalars.count && scalars[i] >= "0" && scalars[i] <= "9" { i += 1 }
      guard i > begin else { return nil }
      if i - begin >= 2 && scalars[begin] == "0" { return nil }  // RE2: no leading zeros
      if i - begin > 8 { return (-1, true) }
      return (Int(text(begin, i)) ?? -1, true)
    }
    guard let lo = number() else { return nil }
    var hi: Int? = lo.value
    if i < scalars.count && scalars[i] == "," {
      i += 1
      if i < scalars.count && scalars[i] == "}" {
        hi = nil
      } else {
        guard let h = number() else { return nil }
        hi = h.value
      }
    }
    guard i < scalars.count && scalars[i] == "}" else { return nil }
    i += 1
    if lo.value < 0 || lo.value > 1000 || (hi.map { $0 < 0 || $0 > 1000 || $0 < lo.value } ?? false) {
      throw fail("invalid repeat count", from: position, to: i)
    }
    return (lo.value, hi, i)
  }

  // MARK: Atoms

  /// The atom at `position`: none for a flag group `(?i)` that only sets
  /// flags, one literal each for the text of `\Q...\E`, else one.
  private mutating func atom() throws(LabelRegexError) -> [LabelRegexNode] {
    let start = position
    let c = scalars[position]
    switch c {
    case "(":
      return try group()
    case "[":
      return [.characterClass(try characterClass())]
    case ".":
      position += 1
      return [.any(matchesNewline: flags.dotMatchesNewline)]
    case "^":
      position += 1
      return [.assertion(flags.multiLine ? .beginLine : .beginText)]
    case "$":
      position += 1
      return [.assertion(flags.multiLine ? .endLine : .endText)]
    case "\\":
      switch peek(1) {
      case "A":
        position += 2
        return [.assertion(.beginText)]
      case "z":
        position += 2
        return [.assertion(.endText)]
      case "b":
        position += 2
        return [.assertion(.wordBoundary)]
      case "B":
        position += 2
        return [.assertion(.notWordBoundary)]
      case "Q":
        position += 2
        var literals: [LabelRegexNode] = []
        while let q = peek {
          if q == "\\" && peek(1) == "E" {
            position += 2
            return literals
          }
          literals.append(literal(q.value))
          position += 1
        }
        // Without `\E` the text runs to the end of the pattern, and in
        // Prometheus's `^(?:pattern)$` it takes the closing `)$` with it.
        throw fail("missing closing )", from: start, to: scalars.count)
      case "d", "D", "s", "S", "w", "W", "p", "P":
        var cls = LabelRegexCharacterClass()
        cls.foldCase = flags.foldCase
        try classEscape(into: &cls)
        return [.characterClass(cls)]
      default:
        return [literal(try escape(start: start))]
      }
    default:
      position += 1
      return [literal(c.value)]
    }
  }

  /// The literal `value`; under `(?i)` one that matches its whole case-fold
  /// orbit (kept as the orbit's smallest member, Go's `minFoldRune`). A
  /// surrogate code point (`\x{D800}`, which RE2 accepts) is a class that no
  /// scalar of a label value is in.
  private func literal(_ value: UInt32) -> LabelRegexNode {
    guard let c = Unicode.Scalar(value) else {
      var never = LabelRegexCharacterClass()
      never.add(value, value)
      return .characterClass(never)
    }
    let folds = flags.foldCase && LabelRegexCaseFold.folds(value)
    return .literal(folds ? Unicode.Scalar(LabelRegexCaseFold.minimum(value))! : c, foldCase: folds)
  }

  /// `( ... )`, `(?: ... )`, `(?P<name> ... )`, `(?<name> ... )`, `(?flags: ... )` or `(?flags)`.
  private mutating func group() throws(LabelRegexError) -> [LabelRegexNode] {
    let start = position
    position += 1
    var groupFlags = flags
    if peek == "?" {
      position += 1
      if peek == "P" || (peek == "<" && peek(1) != "=" && peek(1) != "!") {
        if peek == "P" { position += 1 }
        guard peek == "<" else {
          throw fail("invalid or unsupported Perl syntax", from: start, to: min(position + 1, scalars.count))
        }
        position += 1
        let nameStart = position
        while let n = peek, LabelRegexAssertion.isWord(n) { position += 1 }
        guard peek == ">", position > nameStart else {
          throw fail("invalid named capture", from: start, to: min(position + 1, scalars.count))
        }
        position += 1
      } else {
        var sign = true
        var sawFlag = false
        while true {
          guard let f = peek else {
            throw fail("missing closing )", from: 0, to: scalars.count)
          }
          position += 1
          switch f {
          case "i": groupFlags.foldCase = sign
          case "s": groupFlags.dotMatchesNewline = sign
          case "m": groupFlags.multiLine = sign
          case "U": groupFlags.ungreedy = sign
          case "-" where sign:
            sign = false
            sawFlag = false
            continue
          case ":", ")":
            guard sign || sawFlag else {
              throw fail("invalid or unsupported Perl syntax", from: start, to: position)
            }
            if f == ")" {
              flags = groupFlags  // holds to the end of the enclosing group
              return []
            }
          default:
            let what =
              ["=", "!"].contains(f) || (f == "<" && ["=", "!"].contains(peek))
              ? "invalid or unsupported Perl syntax (RE2 has no lookahead or lookbehind)"
              : "invalid or unsupported Perl syntax"
            throw fail(what, from: start, to: f == "<" ? position + 1 : position)
          }
          if f == ":" { break }
          sawFlag = true
        }
      }
    }
    guard depth < LabelRegex.maxNesting else {
      throw fail(
        "expression nests too deeply (more than \(LabelRegex.maxNesting) groups)", from: start,
        to: min(start + 20, scalars.count))
    }
    let saved = flags
    flags = groupFlags
    depth += 1
    let inner = try alternation()
    depth -= 1
    flags = saved
    guard peek == ")" else {
      throw fail("missing closing )", from: 0, to: scalars.count)
    }
    position += 1
    return [inner]
  }

  // MARK: Escapes

  /// The code point an escape at `position` (a `\`) stands for; consumes it.
  /// A surrogate (`\x{D800}`) is accepted, as RE2 accepts it.
  private mutating func escape(start: Int) throws(LabelRegexError) -> UInt32 {
    position += 1
    guard let c = peek else {
      throw fail("trailing backslash at end of expression", from: start, to: scalars.count)
    }
    position += 1
    func invalid() -> LabelRegexError {
      fail("invalid escape sequence", from: start, to: position)
    }
    func isOctal(_ s: Unicode.Scalar?) -> Bool { s.map { $0 >= "0" && $0 <= "7" } ?? false }
    switch c {
    case "1"..."7" where isOctal(peek), "0":
      var value = c.value - 0x30
      for _ in 1..<3 where isOctal(peek) {
        value = value * 8 + (peek!.value - 0x30)
        position += 1
      }
      return value
    case "1"..."9":
      throw fail(
        "invalid escape sequence (backreferences are not supported, RE2 syntax)", from: start, to: position)
    case "x":
      if peek == "{" {
        position += 1
        var value: UInt32 = 0
        var digits = 0
        while let h = peek, let d = Self.hex(h) {
          value = value &* 16 &+ d
          digits += 1
          position += 1
          if value > 0x10FFFF { throw invalid() }
        }
        guard digits > 0, peek == "}" else { throw invalid() }
        position += 1
        return value
      }
      guard let h1 = peek.flatMap(Self.hex), let h2 = peek(1).flatMap(Self.hex) else {
        position = min(position + 2, scalars.count)
        throw invalid()
      }
      position += 2
      return h1 * 16 + h2
    case "a": return 0x07
    case "f": return 0x0C
    case "n": return 0x0A
    case "r": return 0x0D
    case "t": return 0x09
    case "v": return 0x0B
    default:
      if c.isASCII && !(c.properties.isAlphabetic || ("0"..."9").contains(c)) { return c.value }
      throw invalid()
    }
  }

  private static func hex(_ c: Unicode.Scalar) -> UInt32? {
    switch c {
    case "0"..."9": c.value - 0x30
    case "a"..."f": c.value - 0x61 + 10
    case "A"..."F": c.value - 0x41 + 10
    default: nil
    }
  }

  /// `\d \D \s \S \w \W \pX \p{Name} \PX \P{Name}` at `position`, added to `cls`.
  private mutating func classEscape(into cls: inout LabelRegexCharacterClass) throws(LabelRegexError) {
    let start = position
    let letter = scalars[position + 1]
    position += 2
    let lower = Unicode.Scalar(letter.value | 0x20)!
    if let ranges = LabelRegexNamedClass.perl(lower) {
      cls.add(ranges, complement: letter != lower)
      return
    }
    // \p or \P
    var name: String
    if peek == "{" {
      let open = position + 1
      while let n = peek, n != "}" { position += 1 }
      guard peek == "}" else { throw fail("invalid character class range", from: start, to: position) }
      name = text(open, position)
      position += 1
    } else {
      guard let n = peek else { throw fail("invalid character class range", from: start, to: position) }
      position += 1
      name = String(n)
    }
    var exclude = letter == "P"
    if name.hasPrefix("^") {
      exclude.toggle()
      name.removeFirst()
    }
    guard let categories = LabelRegexNamedClass.categories(name) else {
      throw fail(
        "invalid character class range (Unicode scripts and unknown categories are not supported)",
        from: start, to: position)
    }
    if exclude {
      cls.excludedCategories.append(categories)
    } else {
      cls.categories.formUnion(categories)
    }
  }

  // MARK: Bracketed classes

  /// `[...]` or `[^...]` at `position`.
  private mutating func characterClass() throws(LabelRegexError) -> LabelRegexCharacterClass {
    let start = position
    position += 1
    var cls = LabelRegexCharacterClass()
    cls.foldCase = flags.foldCase
    if peek == "^" {
      cls.negated = true
      position += 1
    }
    var first = true
    // Single members and ranges, added at once at the end (a sort and a
    // merge, not one insertion each).
    var members: [(UInt32, UInt32)] = []
    while peek != "]" || first {
      first = false
      guard let c = peek else {
        throw fail("missing closing ]", from: start, to: scalars.count)
      }
      if c == "[" && peek(1) == ":" {
        let nameStart = position + 2
        var i = nameStart
        while i + 1 < scalars.count && !(scalars[i] == ":" && scalars[i + 1] == "]") { i += 1 }
        if i + 1 < scalars.count {
          var name = text(nameStart, i)
          let complement = name.hasPrefix("^")
          if complement { name.removeFirst() }
          guard let ranges = LabelRegexNamedClass.posix(name) else {
            throw fail("invalid character class range", from: position, to: i + 2)
          }
          cls.add(ranges, complement: complement)
          position = i + 2
          continue
        }
      }
      if c == "\\", let e = peek(1), "dDsSwWpP".unicodeScalars.contains(e) {
        try classEscape(into: &cls)
        continue
      }
      let rangeStart = position
      let lo = try classCharacter(classStart: start)
      var hi = lo
      if peek == "-", let after = peek(1), after != "]" {
        position += 1
        hi = try classCharacter(classStart: start)
        if hi < lo {
          throw fail("invalid character class range", from: rangeStart, to: position)
        }
      }
      members.append((lo, hi))
    }
    position += 1
    cls.add(members, complement: false)
    return cls
  }

  private mutating func classCharacter(classStart: Int) throws(LabelRegexError) -> UInt32 {
    guard let c = peek else {
      throw fail("missing closing ]", from: classStart, to: scalars.count)
    }
    if c == "\\" { return try escape(start: position) }
    position += 1
    return c.value
  }
}
