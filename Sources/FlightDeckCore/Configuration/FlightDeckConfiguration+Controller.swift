import TOMLKit

extension FlightDeckConfiguration {
  private static let controllerKeys: Set<String> = [
    "listen", "lease_ttl", "heartbeat", "rollout_interval", "analysis_window", "telemetry", "resolve_listen",
    "resolve_token_file",
  ]

  /// Reads `[controller]` (see ``ControllerConfiguration``): `listen` as
  /// `HOST:PORT`; the durations within `serve`'s option bounds
  /// (``OptionBounds/leaseTTL``, ``OptionBounds/leaseHeartbeat``,
  /// ``OptionBounds/driveInterval``, ``OptionBounds/analysisWindow``), the
  /// heartbeat at most half the TTL; `telemetry` a list of non-empty strings;
  /// `resolve_listen` as `HOST:PORT`, `resolve_token_file` a non-empty path.
  /// - Throws: the ``ConfigurationError`` that `fail` builds, naming the key.
  static func parseController(
    _ root: TOMLTable, into config: inout FlightDeckConfiguration,
    fail: (String, String) -> ConfigurationError
  ) throws {
    guard let v = root["controller"] else { return }
    guard let t = v.table else { throw fail("controller", "expected a table") }
    for k in t.keys.sorted() where !controllerKeys.contains(k) {
      throw fail(
        "controller.\(k)", "unknown key (allowed: \(controllerKeys.sorted().joined(separator: ", ")))")
    }
    var c = ControllerConfiguration()
    func duration(_ k: String, _ bounds: OptionBounds.Duration) throws -> Int64? {
      try Self.duration(t[k], range: bounds.range, example: "\"1s\" or \"500ms\"") {
        fail("controller.\(k)", $0)
      }
    }
    if let v = t["listen"] {
      guard let s = v.string else {
        throw fail("controller.listen", "expected \"HOST:PORT\", e.g. \"127.0.0.1:9465\"")
      }
      do {
        c.listen = try ReceiverListenAddress(parsing: s)
      } catch {
        throw fail("controller.listen", error.description)
      }
    }
    if let v = t["resolve_listen"] {
      guard let s = v.string else {
        throw fail("controller.resolve_listen", "expected \"HOST:PORT\", e.g. \"127.0.0.1:9466\"")
      }
      do {
        c.resolveListen = try ReceiverListenAddress(parsing: s)
      } catch {
        throw fail("controller.resolve_listen", error.description)
      }
    }
    if let v = t["resolve_token_file"] {
      guard let s = v.string, !s.isEmpty else {
        throw fail("controller.resolve_token_file", "expected the path of a file holding the token")
      }
      c.resolveTokenFile = s
    }
    c.leaseTTLMs = try duration("lease_ttl", OptionBounds.leaseTTL) ?? c.leaseTTLMs
    c.heartbeatMs = try duration("heartbeat", OptionBounds.leaseHeartbeat) ?? c.heartbeatMs
    c.rolloutIntervalMs = try duration("rollout_interval", OptionBounds.driveInterval) ?? c.rolloutIntervalMs
    c.analysisWindowMs = try duration("analysis_window", OptionBounds.analysisWindow) ?? c.analysisWindowMs
    if c.heartbeatMs * 2 > c.leaseTTLMs {
      throw fail(
        t["heartbeat"] != nil ? "controller.heartbeat" : "controller.lease_ttl",
        "the heartbeat (\(DurationText.format(c.heartbeatMs))) must be at most half of lease_ttl (\(DurationText.format(c.leaseTTLMs)))"
      )
    }
    if let v = t["telemetry"] {
      guard let list = v.array else { throw fail("controller.telemetry", "expected a list of paths") }
      for item in list {
        guard let s = item.string, !s.isEmpty else {
          throw fail("controller.telemetry", "expected a list of paths (non-empty strings)")
        }
        c.telemetry.append(s)
      }
    }
    config.controller = c
  }
}
