import FlightDeckCore
import Foundation

/// Seeded generator of hostile FlightDeck lines for the agreement tests:
/// valid records bent into the shapes where JSON readers differ.
enum HostileLineGenerator {
  /// Names in several spellings: NFC, NFD (combining marks, Hangul jamo),
  /// singleton decompositions (Kelvin K, Ångström), and plain.
  static let names = [
    "caf\u{E9}", "cafe\u{301}", "\u{D55C}\u{AD6D}", "\u{1112}\u{1161}\u{11AB}\u{1100}\u{116E}\u{11A8}",
    "\u{212A}elvin", "Kelvin", "\u{212B}ngstr\u{F6}m", "A\u{30A}ngstro\u{308}m", "n\u{303}", "\u{F1}",
    "gpt-4o", "e\u{301}\u{323}", "e\u{323}\u{301}", "\u{1E0B}\u{323}", "d\u{323}\u{307}", "🚀",
  ]

  static let numbers = [
    "1e999", "-1e999", "1e-999", "1E+308", "4.9e-325", "2.5e-324", "1.7976931348623159e308",
    "123456789012345678901234567890", "0.0000000000000000000000000000001e330", "-0", "0e0", "1E0",
  ]

  static func pick<T>(_ a: [T], _ rng: inout SplitMix64) -> T { a[Int(rng.next() % UInt64(a.count))] }

  /// `line` bent 1 to 3 times.
  static func shape(_ line: String, _ rng: inout SplitMix64) -> String {
    var s = line
    for _ in 0...(rng.next() % 3) { s = bend(s, &rng) }
    return s
  }

  /// A key written raw or with one character escaped as `\uXXXX`.
  static func spell(_ key: String, _ rng: inout SplitMix64) -> String {
    guard rng.next() % 2 == 0, let c = key.unicodeScalars.first else { return key }
    return String(format: "\\u%04x", c.value) + String(key.unicodeScalars.dropFirst())
  }

  static func bend(_ s: String, _ rng: inout SplitMix64) -> String {
    let body = String(s.dropLast())  // without the closing brace (lines end in "}")
    switch rng.next() % 13 {
    case 0:
      // A byte-order mark: before the object, at the start of a name, escaped, between tokens.
      switch rng.next() % 4 {
      case 0: return "\u{FEFF}" + s
      case 1: return s.replacingOccurrences(of: #""artefact":""#, with: "\"artefact\":\"\u{FEFF}")
      case 2: return body + #","note":"\ufeff"}"#
      default: return body + ",\u{FEFF}\"note\":1}"
      }
    case 1:
      // A known key again, raw or escaped, with a value of either type.
      let key = pick(DecoderDifferentialTests.keys, &rng)
      return body + ",\"" + spell(key, &rng) + "\":" + pick(["1", "\"ok\"", "null", "0.5"], &rng) + "}"
    case 2:
      // An unknown key twice, the second raw or escaped.
      let key = pick(["x", "meta", "caf\u{E9}", "cafe\u{301}", "\u{212A}"], &rng)
      let other = rng.next() % 3 == 0 ? pick(["x", "caf\u{E9}", "cafe\u{301}", "K"], &rng) : key
      return body + ",\"" + key + "\":1,\"" + spell(other, &rng) + "\":2}"
    case 3:
      // Trailing commas, at the top or nested.
      switch rng.next() % 3 {
      case 0: return body + ",}"
      case 1: return body + #","x":[1,2,]}"#
      default: return body + #","x":{"a":{"b":1,},"c":2}}"#
      }
    case 4:
      // NFC / NFD names.
      let key = pick(["artefact", "version", "provider", "session_id", "error_type", "request_id"], &rng)
      return DecoderDifferentialTests.replaceValue(s, key: key, with: "\"" + pick(names, &rng) + "\"")
    case 5:
      // Deep nesting under an unknown key (closed or not), or in a field.
      let depth = pick([1, 100, 511, 512, 513, 600, 2000], &rng)
      let open = rng.next() % 2 == 0 ? "[" : #"{"k":"#
      let close = open == "[" ? "]" : "}"
      let closed = rng.next() % 5 != 0
      let value =
        String(repeating: open, count: depth) + String(repeating: close, count: closed ? depth : depth - 1)
      if rng.next() % 4 == 0 {
        return DecoderDifferentialTests.replaceValue(
          s, key: pick(["provider", "ttft_ms"], &rng), with: value)
      }
      return body + #","deep":"# + value + "}"
    case 6:
      // Huge and tiny exponents, under an unknown key or in a numeric field.
      let n = pick(numbers, &rng)
      if rng.next() % 2 == 0 { return body + #","x":"# + n + "}" }
      let key = pick(
        ["latency_ms", "cost_usd", "ttft_ms", "score", "input_tokens", "reasoning_tokens"], &rng)
      return DecoderDifferentialTests.replaceValue(s, key: key, with: n)
    case 7:
      // Surrogate escapes: paired, lone high, lone low, reversed.
      let esc = pick([#"\ud83d\ude80"#, #"\ud800"#, #"\udfff"#, #"\ude80\ud83d"#, #"\uD83D\uDE80x"#], &rng)
      let key = pick(["provider", "artefact", "x"], &rng)
      if key == "x" { return body + #","x":""# + esc + "\"}" }
      return DecoderDifferentialTests.replaceValue(s, key: key, with: "\"a" + esc + "\"")
    case 8:
      // Control characters, raw or escaped, and DEL.
      let c = pick(["\u{1}", "\u{1F}", #"\u0000"#, #"\u001f"#, "\u{7F}", #"\t"#, "\t", #"\/"#], &rng)
      return DecoderDifferentialTests.replaceValue(
        s, key: pick(["provider", "version"], &rng), with: "\"a" + c + "\"")
    case 9:
      // Several unknown keys (the scanner tracks four).
      var t = body
      for k in 0..<(rng.next() % 7) { t += ",\"u\(k)\":\(k)" }
      return t + "}"
    case 10, 11:
      return DecoderDifferentialTests.mutate(s, &rng)
    default:
      return s
    }
  }

  /// `line` with about a third of the characters inside its strings written
  /// as `\uXXXX` escapes (pairs above U+FFFF); existing escapes (with their
  /// hex digits) and raw control characters are left as they are.
  static func escapeStrings(_ line: String, _ rng: inout SplitMix64) -> String {
    var out = ""
    var inString = false
    var escape = false
    var hexLeft = 0
    for u in line.unicodeScalars {
      if inString {
        if hexLeft > 0 {
          hexLeft -= 1
        } else if escape {
          escape = false
          if u == "u" { hexLeft = 4 }
        } else if u == "\\" {
          escape = true
        } else if u == "\"" {
          inString = false
        } else if u.value >= 0x20, rng.next() % 3 == 0 {
          for unit in String(u).utf16 { out += String(format: "\\u%04x", unit) }
          continue
        }
      } else if u == "\"" {
        inString = true
      }
      out.unicodeScalars.append(u)
    }
    return out
  }

  /// `line` with one more unknown member first (a fresh name whose value is
  /// any valid JSON: deep, huge numbers, nested duplicates, escapes), when it
  /// opens with `{`; unchanged otherwise.
  static func withUnknownMember(_ line: String, _ rng: inout SplitMix64) -> String {
    let scalars = Array(line.unicodeScalars)
    var k = 0
    while k < scalars.count, [" ", "\t", "\u{FEFF}"].contains(scalars[k]) { k += 1 }
    guard k < scalars.count, scalars[k] == "{" else { return line }
    var rest = k + 1
    while rest < scalars.count, [" ", "\t", "\r", "\n"].contains(scalars[rest]) { rest += 1 }
    let empty = rest < scalars.count && scalars[rest] == "}"
    let depth = Int(rng.next() % 3000)
    let value = pick(
      [
        String(repeating: "[", count: depth) + String(repeating: "]", count: depth), "1e999", "-1e-999",
        #"{"a":1,"a":[2,{"a":3,"\u0061":4}]}"#, #""\ud83d\ude80\u0000""#, "[true,false,null,{}]",
        "123456789012345678901234567890e99999", "{\"caf\u{E9}\":1,\"cafe\u{301}\":2}",
      ], &rng)
    let member = "\"zzz_\(rng.next() % 1000)\":" + value + (empty ? "" : ",")
    var out = String.UnicodeScalarView()
    out.append(contentsOf: scalars[...k])
    out.append(contentsOf: member.unicodeScalars)
    out.append(contentsOf: scalars[(k + 1)...])
    return String(out)
  }
}
