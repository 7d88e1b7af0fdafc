/// Who holds (or asks for) the controller lease: one `flightdeck serve`
/// process, named by its host and process id, and told apart from an earlier
/// process with the same pid by a random instance id.
public struct ControllerLeaseHolder: Sendable, Hashable, Codable {
  /// The host name the process runs on (`ProcessInfo.hostName`), as given.
  public var host: String
  /// The process id on that host.
  public var pid: Int64
  /// A random id chosen when the process starts (a UUID's text), unique per
  /// process lifetime: the lease row names this, so a restarted process with
  /// a reused pid is another holder.
  public var instance: String

  /// A holder named `host`/`pid`/`instance`.
  public init(host: String, pid: Int64, instance: String) {
    self.host = host
    self.pid = pid
    self.instance = instance
  }

  /// `host-a (pid 4242)`: how the header and the logs name it (sanitise before a terminal).
  public var displayName: String { "\(host) (pid \(pid))" }
}
