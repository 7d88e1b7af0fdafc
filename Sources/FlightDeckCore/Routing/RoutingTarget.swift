/// One place FlightDeck publishes routing state to (`[[routing.targets]]`
/// in the configuration file, see <doc:Routing>).
public struct RoutingTarget: Sendable, Hashable {
  /// The target's unique name (`[A-Za-z0-9_.-]`, at most 64 characters).
  public var name: String
  /// What it writes.
  public var kind: RoutingTargetKind
  /// The file it writes (its folder must exist); for an `exec` target, the
  /// command's executable.
  public var path: String
  /// The artefacts it carries; `nil`: every registered artefact (`"*"`).
  public var artefacts: [String]?
  /// Kind-specific options (`[routing.targets.options]`), e.g. the LiteLLM
  /// `model` template; every value a string.
  public var options: [String: String]
  /// An `exec` target's command: the absolute path of the executable, then
  /// its arguments (run without a shell); empty for file targets.
  public var command: [String]
  /// How long an `exec` target's command may run, ms.
  public var timeoutMs: Int64

  /// A target from its parts; an `exec` target's ``path`` is its command's executable.
  public init(
    name: String, kind: RoutingTargetKind, path: String, artefacts: [String]? = nil,
    options: [String: String] = [:], command: [String] = [], timeoutMs: Int64 = 10_000
  ) {
    self.command = command
    self.timeoutMs = timeoutMs
    self.name = name
    self.kind = kind
    self.path = path
    self.artefacts = artefacts
    self.options = options
  }

  /// Whether the target writes a file (read back for drift); `exec` does not.
  public var isFile: Bool { kind != .exec }

  /// Whether the target carries `artefact`.
  public func carries(_ artefact: String) -> Bool {
    artefacts.map { $0.contains(artefact) } ?? true
  }
}
