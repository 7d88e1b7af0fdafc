import FlightDeckCore

/// Seeded generator of OTLP/JSON `TracesData` texts for the differential
/// tests: the shapes exporters write and their variations (members in random
/// order, whitespace anywhere, escapes and non-ASCII text, int64 as strings,
/// integers and doubles, huge numbers, missing fields, nested `kvlistValue`
/// and `arrayValue`, `bytesValue`, unknown members, non-GenAI spans, invalid
/// spans), and, when `mutate`, texts broken after the fact (cut, a repeated
/// name, a byte-order mark, invalid UTF-8, `1e400`, a lone surrogate…).
struct OTLPJSONTextGenerator {
  var rng: SplitMix64
  /// Whitespace may hold line feeds (documents) or not (lines).
  var newlines: Bool

  init(seed: UInt64, newlines: Bool) {
    rng = SplitMix64(seed: seed)
    self.newlines = newlines
  }

  mutating func int(_ n: Int) -> Int { Int(rng.next() % UInt64(n)) }
  mutating func chance(_ p: Double) -> Bool { rng.nextUnit() < p }
  mutating func pick<T>(_ xs: [T]) -> T { xs[int(xs.count)] }

  mutating func ws() -> String {
    guard chance(0.3) else { return "" }
    var s = ""
    for _ in 0..<(1 + int(3)) { s += pick(newlines ? [" ", "\t", "\r", "\n"] : [" ", "\t", "\r"]) }
    return s
  }

  /// `{"k": v, ...}` with the members in random order.
  mutating func object(_ members: [(String, String)]) -> String {
    var ms = members
    for k in stride(from: ms.count - 1, to: 0, by: -1) { ms.swapAt(k, int(k + 1)) }
    var parts: [String] = []
    for (k, v) in ms { parts.append(ws() + quoted(k) + ws() + ":" + ws() + v + ws()) }
    return "{" + ws() + parts.joined(separator: ",") + "}"
  }

  mutating func array(_ items: [String]) -> String {
    "[" + ws() + items.map { $0 + ws() }.joined(separator: "," + ws()) + "]"
  }

  func quoted(_ s: String) -> String { "\"" + s + "\"" }

  /// A string literal for `s`, sometimes with escapes.
  mutating func literal(_ s: String) -> String {
    var out = ""
    for u in s.unicodeScalars {
      switch u {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      default:
        if u.value < 0x20 {
          out +=
            "\\u" + String(repeating: "0", count: 4 - String(u.value, radix: 16).count)
            + String(u.value, radix: 16)
        } else if chance(0.05) {
          if u.value > 0xFFFF {
            let v = u.value - 0x10000
            out += String(format4(0xD800 + (v >> 10))) + String(format4(0xDC00 + (v & 0x3FF)))
          } else {
            out += format4(u.value)
          }
        } else if u == "/" && chance(0.5) {
          out += "\\/"
        } else {
          out.unicodeScalars.append(u)
        }
      }
    }
    return quoted(out)
  }

  func format4(_ v: UInt32) -> String {
    let h = String(v, radix: 16, uppercase: v & 1 == 0)
    return "\\u" + String(repeating: "0", count: 4 - h.count) + h
  }

  /// An int64 in one of the forms exporters write (or a wrong one).
  mutating func int64(_ v: Int64) -> String {
    switch int(10) {
    case 0, 1, 2, 3: return quoted(String(v))
    case 4, 5, 6: return String(v)
    case 7: return v % 1000 == 0 ? String(Double(v)) : String(v)  // a double literal
    case 8: return literal(String(v))
    default: return chance(0.5) ? "\(v)e0" : quoted("+\(v)")
    }
  }

  mutating func hexID(_ bytes: Int) -> String {
    let digits = Array("0123456789abcdef")
    var s = ""
    for _ in 0..<(bytes * 2) { s.append(digits[int(16)]) }
    if chance(0.1) { s = s.uppercased() }
    return s
  }

  mutating func id(_ bytes: Int) -> String {
    switch int(20) {
    case 0: return quoted("AAAAAAAAAAAAAAAAAAAAAA==")  // base64 (all zero when 16 bytes)
    case 1: return quoted(String(hexID(bytes).dropFirst()))  // one digit short
    case 2: return quoted(String(repeating: "0", count: bytes * 2))
    case 3: return quoted(bytes == 16 ? "zE9+rPKKO6OTpRgGpi/r+A==" : "QON/QMx9eKU=")  // base64
    case 4: return "12"  // not a string
    default: return quoted(hexID(bytes))
    }
  }

  mutating func anyValue(depth: Int = 0) -> String {
    switch int(depth > 2 ? 5 : 8) {
    case 0:
      return object([
        ("stringValue", literal(pick(["x", "é", "😀 ok", "a\"b", "line\nbreak", "", "C:\\dir"])))
      ])
    case 1: return object([("intValue", int64(Int64(int(5000)) - 10))])
    case 2: return object([("doubleValue", pick(["0.7", "1", "-2.5e-3", "1e308", "3.0"]))])
    case 3: return object([("boolValue", pick(["true", "false"]))])
    case 4: return object([("bytesValue", quoted("aGVsbG8="))])
    case 5:
      return object([
        ("arrayValue", object([("values", array((0..<int(3)).map { _ in anyValue(depth: depth + 1) }))]))
      ])
    case 6:
      return object([
        (
          "kvlistValue",
          object([
            (
              "values",
              array(
                (0..<int(3)).map { k in
                  object([("key", quoted("k\(k)")), ("value", anyValue(depth: depth + 1))])
                })
            )
          ])
        )
      ])
    default: return pick(["{}", "null", object([("stringValue", "null")]), object([("intValue", "true")])])
    }
  }

  mutating func tokens(_ v: Int) -> String {
    switch int(12) {
    case 0, 1, 2, 3, 4: return object([("intValue", quoted(String(v)))])
    case 5, 6: return object([("intValue", String(v))])
    case 7: return object([("doubleValue", String(Double(v)))])
    case 8: return object([("stringValue", quoted(String(v)))])
    case 9:
      return object([
        ("intValue", pick(["\"-5\"", "\"99999999999999999999\"", "1.5", "\"abc\"", "9223372036854775807"]))
      ])
    case 10: return object([("intValue", quoted(String(v))), ("stringValue", quoted("also"))])
    default: return object([("doubleValue", pick(["1e30", "12.0", "7"]))])
    }
  }

  mutating func attribute(_ key: String, _ value: String) -> String {
    object([("key", literal(key)), ("value", value)])
  }

  mutating func span() -> String {
    var attrs: [String] = []
    let genAI = chance(0.8)
    if genAI {
      let model = pick(["gpt-4o", "gpt-4o-mini", "claude-sonnet-4", "my-model", "Gpt-4o", "modèle"])
      if chance(0.9) {
        attrs.append(attribute("gen_ai.request.model", object([("stringValue", literal(model))])))
      }
      if chance(0.7) {
        attrs.append(
          attribute("gen_ai.response.model", object([("stringValue", literal(model + "-2024-08-06"))])))
      }
      let input = int(5000)
      if chance(0.9) { attrs.append(attribute("gen_ai.usage.input_tokens", tokens(input))) }
      if chance(0.9) { attrs.append(attribute("gen_ai.usage.output_tokens", tokens(int(800)))) }
      if chance(0.3) {
        attrs.append(attribute("gen_ai.usage.cache_read.input_tokens", tokens(int(input + 50))))
      }
      if chance(0.1) { attrs.append(attribute("gen_ai.usage.reasoning.output_tokens", tokens(int(100)))) }
      if chance(0.3) {
        attrs.append(attribute("gen_ai.provider.name", object([("stringValue", literal("openai"))])))
      }
      if chance(0.1) { attrs.append(attribute("error.type", object([("stringValue", literal("timeout"))]))) }
      if chance(0.1) {
        attrs.append(
          attribute(
            "flightdeck.route", object([("stringValue", literal(pick(["canary", "stable", "blue"])))])))
      }
    }
    for _ in 0..<int(4) {
      attrs.append(attribute(pick(["http.url", "x", "gen_ai.request.temperature", "ü"]), anyValue()))
    }
    // A repeated key: the later one wins.
    if chance(0.05) { attrs.append(attribute("gen_ai.request.model", anyValue())) }
    let start: Int64 = 1_700_000_000_000_000_000 + Int64(int(1_000_000_000))
    let duration = Int64(int(5_000_000_000))
    var members: [(String, String)] = []
    if chance(0.98) { members.append(("traceId", id(16))) }
    if chance(0.98) { members.append(("spanId", id(8))) }
    if chance(0.9) {
      members.append(("name", literal(pick(["chat gpt-4o", "GET /", "naïve \u{1F600}", "tab\there"]))))
    }
    if chance(0.8) {
      members.append(
        (
          "kind",
          pick([
            "3", "1", "\"SPAN_KIND_CLIENT\"", "\"SPAN_KIND_SERVER\"", "7", "\"SPAN_KIND_NOPE\"", "true",
            "2.0",
          ])
        ))
    }
    if chance(0.98) { members.append(("startTimeUnixNano", int64(start))) }
    if chance(0.98) {
      let end = chance(0.03) ? start - 5 : chance(0.02) ? start + 90_000_000_000_000 : start + duration
      members.append(("endTimeUnixNano", int64(end)))
    }
    if chance(0.7) {
      let status = pick([
        "{}", object([("code", "2")]), object([("code", "\"STATUS_CODE_ERROR\"")]),
        object([("code", "1"), ("message", literal("ok"))]),
        object([("code", "\"STATUS_CODE_OK\"")]), "null", object([("code", "2.0")]),
      ])
      members.append(("status", status))
    }
    if chance(0.95) {
      members.append(("attributes", array(attrs)))
    } else if chance(0.5) {
      members.append(("attributes", "null"))
    }
    if chance(0.3) { members.append(("parentSpanId", quoted(hexID(8)))) }
    if chance(0.2) { members.append(("flags", "257")) }
    if chance(0.2) { members.append(("droppedAttributesCount", "0")) }
    if chance(0.2) {
      members.append(
        (
          "events",
          array([
            object([
              ("timeUnixNano", int64(start)), ("name", literal("ev")),
              ("attributes", array([attribute("k", anyValue())])),
            ])
          ])
        ))
    }
    if chance(0.1) { members.append(("links", "[]")) }
    if chance(0.1) { members.append(("traceState", literal("a=b"))) }
    return object(members)
  }

  /// One `TracesData` text.
  mutating func text() -> String {
    var groups: [String] = []
    for _ in 0..<(1 + int(2)) {
      var resourceAttrs = [attribute("service.name", object([("stringValue", literal("svc"))]))]
      if chance(0.2) {
        resourceAttrs.append(
          attribute("gen_ai.provider.name", object([("stringValue", literal("anthropic"))])))
      }
      if chance(0.1) {
        resourceAttrs.append(
          attribute("flightdeck.artefact", object([("stringValue", literal("support-bot"))])))
      }
      var scopes: [String] = []
      for _ in 0..<(1 + int(2)) {
        var m: [(String, String)] = [("spans", array((0..<(1 + int(3))).map { _ in span() }))]
        if chance(0.5) {
          m.append(
            ("scope", object([("name", literal("openai.instrumentation")), ("version", literal("2.1b0"))])))
        }
        if chance(0.2) { m.append(("schemaUrl", literal("https://opentelemetry.io/schemas/1.27.0"))) }
        scopes.append(object(m))
      }
      var r: [(String, String)] = [("scopeSpans", array(scopes))]
      if chance(0.9) {
        r.append(
          ("resource", object([("attributes", array(resourceAttrs)), ("droppedAttributesCount", "0")])))
      }
      if chance(0.2) { r.append(("schemaUrl", literal(""))) }
      groups.append(object(r))
    }
    return ws() + object([("resourceSpans", array(groups))]) + ws()
  }

  /// `text` broken in one of the ways the strict rules refuse (or merely
  /// differently shaped: `instrumentationLibrarySpans`, a second top-level
  /// member), for the fast path to decline.
  mutating func mutated(_ text: String) -> [UInt8] {
    var b = Array(text.utf8)
    let at = int(b.count)
    switch int(10) {
    case 0: return Array(b[0..<at])
    case 1:
      if let r = text.range(of: "\"spanId\"") {
        return Array(text.replacingCharacters(in: r, with: "\"spanId\":\"00\",\"spanId\"").utf8)
      }
      return b
    case 2: b.insert(contentsOf: [0xEF, 0xBB, 0xBF], at: at)
    case 3: b.insert(pick([0xFF, 0xC0, 0x80]), at: at)
    case 4:
      return Array(
        text.replacingOccurrences(of: "\"257\"", with: "1e400").replacingOccurrences(of: "257", with: "1e400")
          .utf8)
    case 5: return Array(text.replacingOccurrences(of: "\"x\"", with: "\"\\ud800x\"").utf8)
    case 6:
      return Array(text.replacingOccurrences(of: "scopeSpans", with: "instrumentationLibrarySpans").utf8)
    case 7: return Array(("{\"ts\":1," + text.drop { $0 != "{" }.dropFirst()).utf8)
    case 8: b.insert(pick([0x2C, 0x7D, 0x5D, 0x22, 0x09]), at: at)
    default: return Array(text.replacingOccurrences(of: "\"name\"", with: "\"n\\u0061me\"").utf8)
    }
    return b
  }
}
