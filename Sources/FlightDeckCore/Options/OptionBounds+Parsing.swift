extension OptionBounds {
  /// A whole-number option in `range`.
  /// - Parameters:
  ///   - option: the option's name for the message (`--limit`), or `nil`
  ///     when the argument parser names it itself.
  /// - Throws: ``OptionValueError`` when `text` is not a strict whole number
  ///   (``StrictDecimal``) or lies outside `range`; the message gives the range.
  public static func wholeNumber(_ text: String, option: String?, range: ClosedRange<Int>) throws -> Int {
    let bound = "between \(range.lowerBound) and \(range.upperBound)"
    guard StrictDecimal.isDigits(text) else {
      throw OptionValueError(
        option: option, value: text,
        problem: "is not a whole number (digits only: no sign, spaces, hex or exponent); must be \(bound)")
    }
    guard let n = StrictDecimal.wholeNumber(text), let value = Int(exactly: n), range.contains(value) else {
      throw OptionValueError(option: option, value: text, problem: "is out of range: must be \(bound)")
    }
    return value
  }

  /// A random seed: a whole number from 0 to 2⁶⁴ − 1.
  /// - Throws: ``OptionValueError`` when `text` is not digits only or does not fit in 64 bits.
  public static func seed(_ text: String, option: String?) throws -> UInt64 {
    guard StrictDecimal.isDigits(text), let value = UInt64(text) else {
      throw OptionValueError(
        option: option, value: text,
        problem: "is not a seed: a whole number between 0 and \(UInt64.max) (digits only)")
    }
    return value
  }

  /// A decimal option (`12.5`) within `bounds`.
  /// - Throws: ``OptionValueError`` when `text` is not a strict decimal
  ///   (``StrictDecimal/decimal(_:)``: no sign, hex, exponent, `inf`, spaces)
  ///   or lies outside `bounds`; the message gives the bounds.
  public static func decimal(_ text: String, option: String?, bounds: Decimal) throws -> Double {
    guard let value = StrictDecimal.decimal(text) else {
      throw OptionValueError(
        option: option, value: text,
        problem: "is not a decimal number (digits and an optional fraction such as 12.5: no sign, hex, "
          + "exponent or spaces); must be \(bounds.text)")
    }
    guard bounds.contains(value) else {
      throw OptionValueError(option: option, value: text, problem: "is out of range: must be \(bounds.text)")
    }
    return value
  }

  /// A duration option in ms within `bounds`, in FlightDeck's one duration
  /// grammar (``DurationText``).
  /// - Throws: ``OptionValueError`` when `text` is not a duration or lies
  ///   outside the range; the message gives the grammar and both ends.
  public static func duration(_ text: String, option: String?, bounds: Duration) throws -> Int64 {
    let parse = DurationText.milliseconds
    let syntax = DurationText.syntaxDescription
    let range =
      "between \(Self.durationText(bounds.range.lowerBound)) and \(Self.durationText(bounds.range.upperBound))"
    guard let ms = parse(text) else {
      // Well formed but beyond what the parser holds (`99999999999999999d`):
      // the same text with every number made 1 parses. Too long, not malformed.
      if parse(Self.numbersAsOne(text)) != nil {
        throw OptionValueError(option: option, value: text, problem: "is out of range: must be \(range)")
      }
      throw OptionValueError(
        option: option, value: text, problem: "is not a duration (\(syntax)); must be \(range)")
    }
    guard bounds.range.contains(ms) else {
      throw OptionValueError(option: option, value: text, problem: "is out of range: must be \(range)")
    }
    return ms
  }

  /// A record id such as `REQ-12`: the prefix (any case) and a dash, or
  /// nothing, then a strict whole number of at least 1.
  /// - Parameters:
  ///   - prefix: `REQ`, `INC`, `RO` or `SIL`.
  ///   - noun: what the id names, for the message (`request`).
  ///   - option: the option (`--rollout`), or `nil` for an argument.
  /// - Throws: ``OptionValueError`` otherwise (`REQ-+1`, `REQ-0x1`, `REQ- 1`, `0`).
  public static func identifier(_ text: String, prefix: String, noun: String, option: String?) throws -> Int64
  {
    guard let id = parseIdentifier(text, prefix: prefix) else {
      throw OptionValueError(
        option: option, value: text,
        problem: "is not a\(noun.first.map { "aeiou".contains($0) } == true ? "n" : "") \(noun) id "
          + "(\(prefix)-12 or 12: a whole number of at least 1, digits only)")
    }
    return id
  }

  /// `text` as an id with `prefix` (see ``identifier(_:prefix:noun:option:)``), or `nil`.
  public static func parseIdentifier(_ text: String, prefix: String) -> Int64? {
    var rest = Substring(text)
    let head = prefix + "-"
    if rest.utf8.count > head.utf8.count, rest.prefix(head.count).uppercased() == head.uppercased() {
      rest = rest.dropFirst(head.count)
    }
    guard let n = StrictDecimal.wholeNumber(rest), n >= 1 else { return nil }
    return n
  }

  /// `text` with every run of ASCII digits replaced by `1` (dots kept, so
  /// `1.5s` stays a fraction, which Prometheus' rule-file syntax refuses).
  static func numbersAsOne(_ text: String) -> String {
    var out = ""
    var inNumber = false
    for c in text {
      let numeric = c.isASCII && c.isNumber
      if numeric && !inNumber { out.append("1") }
      if !numeric { out.append(c) }
      inNumber = numeric
    }
    return out
  }

  /// A bound as people write it: `365d` for whole days, else
  /// ``DurationText/format(_:)`` (`1h`, `100ms`, `0s`).
  public static func durationText(_ ms: Int64) -> String {
    ms >= 86_400_000 && ms % 86_400_000 == 0 ? "\(ms / 86_400_000)d" : DurationText.format(ms)
  }
}
