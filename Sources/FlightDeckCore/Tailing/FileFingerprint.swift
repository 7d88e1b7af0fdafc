/// The first bytes of a file, which together with its ``FileIdentity`` tell
/// one file from another the way Vector's `checksum` fingerprinter and Fluent
/// Bit's inode + offset database do.
///
/// A ``Tailer`` keeps the first ``TailerOptions/fingerprintBytes`` bytes of
/// every file it reads (256 by default). A file still shorter than that is
/// identified by the bytes it has, and re-fingerprinted as it grows: its
/// fingerprint is then a prefix of the grown file's. The bytes are kept
/// as they are rather than hashed, so two fingerprints are equal only when
/// the bytes are (no collisions) and a shorter one can be compared with the
/// start of a longer one.
///
/// The rules (see ``Tailer``, "File identity"):
/// - the same (device, inode) whose first bytes still start with the
///   fingerprint (``extends(_:)``) is the same file, grown by appends: reading
///   continues at its offset, under whatever followed name it now has;
/// - the same (device, inode) with other first bytes, or fewer bytes than the
///   fingerprint holds, is another file (a reused inode, or a file truncated
///   and rewritten in place): it is read from byte 0;
/// - another inode whose first bytes equal, over the full fingerprint length,
///   those of a file already read is a copy of it (logrotate `copytruncate`'s
///   copy): it continues at the offset read in the original.
public struct FileFingerprint: Hashable, Sendable, CustomStringConvertible {
  /// The file's first bytes: all of them when the file is shorter than the
  /// fingerprint length, else exactly that many.
  public var head: [UInt8]

  /// A fingerprint of the given first bytes.
  public init(head: [UInt8]) { self.head = head }

  /// `true` when a file whose first bytes are `self` can be the file that
  /// had the fingerprint `earlier`, grown only by appending: `self` holds at
  /// least as many bytes and starts with all of `earlier`'s.
  public func extends(_ earlier: FileFingerprint) -> Bool {
    head.count >= earlier.head.count && head.starts(with: earlier.head)
  }

  /// `true` when this fingerprint covers `length` bytes (the file had at
  /// least that many), so it can identify a copy by content alone.
  public func isComplete(length: Int) -> Bool { head.count >= length }

  /// `N bytes` and the first bytes' FNV-1a 64 hash in hex, e.g. `256 bytes #9f3a…`.
  public var description: String {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in head {
      hash ^= UInt64(byte)
      hash = hash &* 0x0100_0000_01b3
    }
    return "\(head.count) bytes #" + String(hash, radix: 16)
  }
}
