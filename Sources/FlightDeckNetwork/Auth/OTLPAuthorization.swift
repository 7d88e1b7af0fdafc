import Crypto
import Foundation

/// Checks a request's `Authorization` header against the configured token in
/// constant time.
///
/// Both sides are hashed with SHA-256 and the 32-byte digests compared with
/// an XOR-accumulating loop, so the time taken depends on neither the length
/// nor the content of the presented value (no early exit at the first
/// differing byte; RFC 6750 §5.3's advice against leaking tokens).
struct OTLPAuthorization: Sendable {
  /// SHA-256 of the token.
  private let expected: [UInt8]

  /// A checker for `token`.
  init(token: String) {
    expected = Array(SHA256.hash(data: Array(token.utf8)))
  }

  /// `true` when `header` is `Bearer TOKEN`, or — when `allowBasic` (the
  /// Langfuse path) — `Basic base64(ANY:TOKEN)`. The scheme name is
  /// case-insensitive (RFC 9110 §11.1).
  func accepts(_ header: String?, allowBasic: Bool) -> Bool {
    guard let header else { return false }
    let trimmed = header.trimmingCharacters(in: .whitespaces)
    guard let space = trimmed.firstIndex(of: " ") else { return false }
    let scheme = trimmed[..<space].lowercased()
    let credentials = trimmed[trimmed.index(after: space)...].trimmingCharacters(in: .whitespaces)
    switch scheme {
    case "bearer":
      return matches(Array(credentials.utf8))
    case "basic" where allowBasic:
      guard let decoded = Data(base64Encoded: credentials), let colon = decoded.firstIndex(of: 0x3A)
      else { return false }
      return matches(Array(decoded[decoded.index(after: colon)...]))
    default:
      return false
    }
  }

  /// Constant-time comparison of `presented` with the token.
  private func matches(_ presented: [UInt8]) -> Bool {
    let digest = Array(SHA256.hash(data: presented))
    var difference: UInt8 = 0
    for i in 0..<expected.count { difference |= expected[i] ^ digest[i] }
    return difference == 0
  }
}
