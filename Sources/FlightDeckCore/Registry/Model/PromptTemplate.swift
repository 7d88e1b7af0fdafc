import Foundation

/// The text of a registered prompt template (`flightdeck registry register
/// ARTEFACT VERSION --template FILE`), stored with its version and as
/// immutable as it.
///
/// Its ``digest`` is the SHA-256 (FIPS 180-4, via swift-crypto) of the
/// text's UTF-8 bytes, and the version's source reference is
/// `sha256:` ``digest`` (``SourceReference/sha256(of:)``): the stored bytes
/// are the ones the source names, byte for byte (the same digits `sha256sum
/// FILE` prints for the file).
public struct PromptTemplate: Sendable, Hashable {
  /// The largest template accepted, in UTF-8 bytes (256 KiB): prompt
  /// templates are text written by people; a larger file is refused rather
  /// than copied into every reader's memory.
  public static let maximumBytes = 262_144

  /// The template text.
  public let text: String

  /// A template of `text`, checked.
  /// - Throws: ``RegistryError`` `.invalidInput(field: "template")` when the
  ///   text is empty, longer than ``maximumBytes`` UTF-8 bytes, or holds a
  ///   NUL character (U+0000, which neither a C string nor a PostgreSQL
  ///   `TEXT` value can carry).
  public init(_ text: String) throws(RegistryError) {
    let bytes = text.utf8.count
    if bytes == 0 { throw RegistryError(.invalidInput(field: "template"), "template is empty") }
    if bytes > Self.maximumBytes {
      throw RegistryError(
        .invalidInput(field: "template"),
        "template is \(bytes) bytes; at most \(Self.maximumBytes) (256 KiB) are kept")
    }
    if text.utf8.contains(0) {
      throw RegistryError(.invalidInput(field: "template"), "template contains a NUL character (U+0000)")
    }
    self.text = text
  }

  /// A template of a file's bytes, checked.
  /// - Throws: ``RegistryError`` `.invalidInput(field: "template")` when
  ///   `data` is longer than ``maximumBytes``, not valid UTF-8 (named with
  ///   the offset of the first bad byte), or breaks ``init(_:)``'s rules.
  public init(data: Data) throws(RegistryError) {
    if data.count > Self.maximumBytes {
      throw RegistryError(
        .invalidInput(field: "template"),
        "template is \(data.count) bytes; at most \(Self.maximumBytes) (256 KiB) are kept")
    }
    guard let text = String(validating: data, as: UTF8.self) else {
      throw RegistryError(
        .invalidInput(field: "template"),
        "template is not UTF-8 text (first bad byte at offset \(Self.firstInvalidUTF8Offset(data)))")
    }
    try self.init(text)
  }

  /// The SHA-256 of the text's UTF-8 bytes as 64 lower-case hex digits.
  public var digest: String { sourceReference.value }

  /// The source reference the template's version carries: `sha256:` ``digest``.
  public var sourceReference: SourceReference { SourceReference.sha256(of: Data(text.utf8)) }

  /// The offset of the first byte where `data` stops being valid UTF-8
  /// (the length of its longest valid prefix).
  static func firstInvalidUTF8Offset(_ data: Data) -> Int {
    var iterator = data.makeIterator()
    var decoder = UTF8()
    var offset = 0
    while case .scalarValue(let scalar) = decoder.decode(&iterator) { offset += UTF8.width(scalar) }
    return offset
  }
}
