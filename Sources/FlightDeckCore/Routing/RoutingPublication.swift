/// The outcome of publishing one target, as the store records it.
public struct RoutingPublication: Sendable, Hashable {
  /// The target's name.
  public var target: String
  /// The file written.
  public var path: String
  /// The sha256 (hex) of the bytes now in the file, when the write succeeded.
  public var digest: String?
  /// Whether the bytes changed (`false`: the file already held them; nothing was rewritten).
  public var changed: Bool
  /// Why the write failed, when it did.
  public var error: String?
  /// An `exec` target's exit status (`nil`: killed, timed out, or not an exec target).
  public var exitCode: Int32?
  /// An `exec` target's output: bounded (``RoutingHookRunner/maximumOutputBytes``
  /// per stream) and sanitised for a terminal.
  public var output: String?
  /// The hand edits this write replaced: what the file said, before it was
  /// rewritten, for artefacts other than those being published
  /// (``RoutingPublisher/handEdits(_:states:publishing:)``), e.g.
  /// `support-bot v12: the file said 50 %, FlightDeck says nothing`; `nil`
  /// when the file held none (or was not rewritten). The `routing.publish`
  /// audit entry names them, so a decision on one artefact that resets a
  /// hand edit of another is on record.
  public var overwrote: String?

  /// A success (`digest`) or a failure (`error`).
  public init(
    target: String, path: String, digest: String?, changed: Bool, error: String?, exitCode: Int32? = nil,
    output: String? = nil
  ) {
    self.exitCode = exitCode
    self.output = output
    self.target = target
    self.path = path
    self.digest = digest
    self.changed = changed
    self.error = error
  }
}
