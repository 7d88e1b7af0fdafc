import FlightDeckCore
import Testing

/// ``CanonicalJSON`` against hand-written RFC 8785 output.
@Suite struct CanonicalJSONTests {
  @Test func sortsKeysByUTF16AndWritesNoWhitespace() {
    // UTF-16 order: "A" (0x41) < "a" (0x61) < "aa" < "b" < "é" (0xE9).
    let v: CanonicalJSON.Value = .object(["b": 1, "a": true, "é": nil, "A": "x", "aa": .array([2, -3, "y"])])
    #expect(CanonicalJSON.encode(v) == #"{"A":"x","a":true,"aa":[2,-3,"y"],"b":1,"é":null}"#)
  }

  @Test func nestsObjects() {
    let text = CanonicalJSON.object([
      "version": "v13", "request": 4, "meta": .object(["z": false, "k": .array([])]),
    ])
    #expect(text == #"{"meta":{"k":[],"z":false},"request":4,"version":"v13"}"#)
  }

  @Test func escapesStringsAsRFC8785() {
    // Quote, backslash, the five short escapes, other controls as \u00xx
    // (lower-case hex), DEL and non-ASCII literal.
    let s = "q\"b\\ \u{08}\u{0C}\n\r\t \u{01}\u{1F} \u{7F}é😀"
    #expect(CanonicalJSON.quote(s) == "\"q\\\"b\\\\ \\b\\f\\n\\r\\t \\u0001\\u001f \u{7F}é😀\"")
  }

  @Test func writesInt64Extremes() {
    #expect(CanonicalJSON.encode(.integer(Int64.min)) == "-9223372036854775808")
    #expect(CanonicalJSON.encode(.integer(0)) == "0")
    #expect(CanonicalJSON.encode(.optional(nil)) == "null")
  }
}
