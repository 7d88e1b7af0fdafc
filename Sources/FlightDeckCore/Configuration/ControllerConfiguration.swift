/// The `[controller]` table: how `flightdeck serve` runs (see the Controller
/// article). Every key is optional; `serve`'s options win over it.
///
/// ```toml
/// [controller]
/// listen = "127.0.0.1:9465"     # the probes, /healthz and /readyz
/// lease_ttl = "5s"               # 1s to 10m
/// heartbeat = "1s"               # 100ms to 1m, at most half of lease_ttl
/// rollout_interval = "2s"        # 100ms to 1h
/// analysis_window = "2m"         # 1s to 31d
/// telemetry = ["/var/log/llm-gateway/"]   # files, globs or folders to follow
/// resolve_listen = "127.0.0.1:9466"        # the resolve API for applications (off when unset)
/// resolve_token_file = "/etc/flightdeck/resolve-token"  # required beyond loopback
/// ```
public struct ControllerConfiguration: Sendable, Hashable {
  /// Where the probes listen (default `127.0.0.1:9465`).
  public var listen = ReceiverListenAddress(host: "127.0.0.1", port: 9465)
  /// How long the lease lasts without a heartbeat, ms (default 5 000).
  public var leaseTTLMs: Int64 = 5_000
  /// The time between two lease renewals, ms (default 1 000).
  public var heartbeatMs: Int64 = 1_000
  /// The time between two rollout rounds, ms (default 2 000).
  public var rolloutIntervalMs: Int64 = 2_000
  /// Each analysis judges the requests of this long before now, ms (default 120 000).
  public var analysisWindowMs: Int64 = 120_000
  /// Telemetry files, globs or folders to follow besides those on the command line.
  public var telemetry: [String] = []
  /// Where the resolve API listens (<doc:ResolveAPI>); `nil`: not served.
  public var resolveListen: ReceiverListenAddress?
  /// A file holding the resolve API's bearer token (required when
  /// ``resolveListen`` is beyond loopback).
  public var resolveTokenFile: String?

  /// The defaults.
  public init() {}
}
