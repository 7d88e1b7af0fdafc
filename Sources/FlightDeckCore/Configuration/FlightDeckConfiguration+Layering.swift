extension FlightDeckConfiguration {
  /// The keys that belong to the operator rather than to a deployment: where
  /// the workspace and store are, how the screen looks and how much is logged.
  /// ``layered(over:)`` takes them from the operator's `config.toml` when a
  /// workspace's own `flightdeck.toml` does not set them.
  public static let operatorKeys: [String] = [
    "workspace", "store", "theme", "mouse", "window", "since", "poll_interval", "log",
  ]

  /// This configuration (a workspace's own `flightdeck.toml`) over the
  /// operator's `config.toml` (`user`), as git lays a repository's
  /// configuration over the global one, but only for ``operatorKeys``: each
  /// of them that this file does not set and `user` does comes from `user`.
  /// Everything else — rules, SLOs, policy, roles, gates, routing,
  /// notifications, receiver, controller, prices, OTLP mapping — stays this
  /// file's alone, so that a workspace behaves the same for every operator.
  ///
  /// A `[log]` table is taken whole (its keys are not mixed across files).
  /// - Returns: the layered configuration; its ``source`` stays this file.
  public func layered(over user: FlightDeckConfiguration) -> FlightDeckConfiguration {
    var layered = self
    for key in Self.operatorKeys where !declaredKeys.contains(key) && user.declaredKeys.contains(key) {
      switch key {
      case "workspace": layered.workspace = user.workspace
      case "store": layered.store = user.store
      case "theme": layered.theme = user.theme
      case "mouse": layered.mouse = user.mouse
      case "window": layered.engineOptions.windowMs = user.engineOptions.windowMs
      case "since": layered.engineOptions.sinceMs = user.engineOptions.sinceMs
      case "poll_interval": layered.engineOptions.pollIntervalMs = user.engineOptions.pollIntervalMs
      case "log": layered.log = user.log
      default: break
      }
      layered.declaredKeys.insert(key)
    }
    return layered
  }
}
