import Crypto
import Foundation

extension SourceReference {
  /// The source reference of a file's content: kind `sha256`, value the
  /// SHA-256 (FIPS 180-4, via swift-crypto) of `data` as 64 lower-case hex
  /// digits (`registry register … --template FILE`); the same digits
  /// `sha256sum FILE` prints.
  public static func sha256(of data: Data) -> SourceReference {
    SourceReference(kind: .sha256, value: SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined())
  }
}
