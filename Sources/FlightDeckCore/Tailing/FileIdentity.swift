/// The identity of a file on disk: its device and inode numbers (`st_dev`, `st_ino`).
///
/// Two paths name the same file exactly when their identities are equal; a
/// path whose identity changes was replaced (rename rotation), the test GNU
/// `tail -F` uses.
public struct FileIdentity: Hashable, Sendable, CustomStringConvertible {
  /// Device number (`st_dev`).
  public var device: UInt64
  /// Inode number (`st_ino`).
  public var inode: UInt64

  /// Creates an identity from a device and inode number.
  public init(device: UInt64, inode: UInt64) {
    self.device = device
    self.inode = inode
  }

  /// `dev:inode`, e.g. `2049:131075`.
  public var description: String { "\(device):\(inode)" }
}
