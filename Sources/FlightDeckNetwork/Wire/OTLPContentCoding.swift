import CompressNIO
import NIOCore

/// The `Content-Encoding` of a request body: none (or `identity`) or `gzip`,
/// the two the OTLP/HTTP specification names; any other coding is answered
/// 415.
enum OTLPContentCoding: Sendable, Hashable {
  /// The body is the message itself.
  case identity
  /// The body is gzip (RFC 1952); inflated with zlib through CompressNIO.
  case gzip

  /// The coding a `Content-Encoding` header names (case-insensitive,
  /// `x-gzip` accepted as gzip per RFC 9110 §8.4.1.3), or `nil` for another
  /// coding or a list of several.
  init?(header: String?) {
    guard let header else {
      self = .identity
      return
    }
    switch header.trimmingCharacters(in: .whitespaces).lowercased() {
    case "", "identity": self = .identity
    case "gzip", "x-gzip": self = .gzip
    default: return nil
    }
  }

  /// Why a gzip body could not be inflated.
  enum InflateError: Error, Equatable {
    /// The inflated body would pass the limit (a gzip bomb or simply too big).
    case tooLarge
    /// Not a complete gzip stream.
    case corrupt
  }

  /// The size a gzip body says it inflates to: its trailer's ISIZE (RFC
  /// 1952 §2.3.1, the last 4 bytes, little-endian, size mod 2³²); `nil` when
  /// the body is shorter than the smallest gzip member (18 bytes). Read
  /// before inflating, so the receiver reserves what the body will take
  /// rather than its worst case; a body that lies is caught by
  /// ``inflate(_:limit:)``, which stops at the size it was given.
  static func declaredInflatedSize(_ body: ByteBuffer) -> Int? {
    guard body.readableBytes >= 18,
      let size = body.getInteger(at: body.writerIndex - 4, endianness: .little, as: UInt32.self)
    else { return nil }
    return Int(size)
  }

  /// Inflates a gzip body into at most `limit` bytes.
  ///
  /// Stops at `limit` bytes of output (CompressNIO grows its output in steps
  /// clipped at the limit, then joins them: at most 2 × `limit` bytes held
  /// for a moment) and throws ``InflateError/tooLarge``. zlib checks the
  /// gzip trailer's CRC-32 and length when the stream ends; a truncated
  /// stream never ends, so the trailer's length field (the last 4 bytes,
  /// RFC 1952 §2.3.1 ISIZE, little-endian, size mod 2³²) is compared with
  /// the output too, and bytes after the stream are refused.
  static func inflate(_ body: ByteBuffer, limit: Int) throws(InflateError) -> ByteBuffer {
    var input = body
    let output: ByteBuffer
    do {
      output = try input.decompress(with: .gzip(), maxSize: limit)
    } catch let error as CompressNIOError where error == .bufferOverflow {
      throw .tooLarge
    } catch {
      throw .corrupt
    }
    guard input.readableBytes == 0, body.readableBytes >= 18,
      let size = body.getInteger(at: body.writerIndex - 4, endianness: .little, as: UInt32.self),
      size == UInt32(truncatingIfNeeded: output.readableBytes)
    else { throw .corrupt }
    return output
  }
}
