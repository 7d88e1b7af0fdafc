import Crypto

/// The strong entity tag of a resolve answer (RFC 9110 §8.8.3): the first
/// 128 bits of the SHA-256 of the body, as 32 lower-case hex digits in
/// double quotes. Equal bodies give equal tags; the body is canonical JSON
/// (``FlightDeckCore/ResolveAnswer``), so the tag changes exactly when the answer does.
enum ResolveEntityTag {
  /// The tag of `body`, quotes included.
  static func of(_ body: [UInt8]) -> String {
    let digest = SHA256.hash(data: body)
    return "\""
      + digest.prefix(16).map { byte in
        let hex = String(byte, radix: 16)
        return byte < 16 ? "0" + hex : hex
      }.joined() + "\""
  }

  /// Whether an `If-None-Match` field value matches `tag`: `*`, or any
  /// tag of its comma-separated list equal to `tag` by the weak comparison
  /// RFC 9110 §13.1.2 prescribes for this field (a `W/` prefix is ignored).
  static func matches(_ ifNoneMatch: String?, _ tag: String) -> Bool {
    guard let ifNoneMatch else { return false }
    for candidate in ifNoneMatch.split(separator: ",") {
      var t = candidate.drop { $0 == " " || $0 == "\t" }
      while let last = t.last, last == " " || last == "\t" { t.removeLast() }
      if t == "*" { return true }
      if t.hasPrefix("W/") { t = t.dropFirst(2) }
      if t == tag[...] { return true }
    }
    return false
  }
}
