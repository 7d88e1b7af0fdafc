/// Which file a check read, identified by content: recorded with the results
/// so an auditor can tell exactly which evidence a release was gated on.
public struct GateInputDigest: Sendable, Hashable, Codable {
  /// The file name as given.
  public var file: String
  /// The format it was read as.
  public var format: GateInputFormat
  /// SHA-256 of its bytes, 64 lower-case hex digits (as `sha256sum` prints).
  public var sha256: String

  /// Creates a digest entry.
  public init(file: String, format: GateInputFormat, sha256: String) {
    self.file = file
    self.format = format
    self.sha256 = sha256
  }
}
