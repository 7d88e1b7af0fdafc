import Foundation
import TOMLKit

/// The configuration file (`--config FILE`, TOML): defaults for the
/// command-line options, OTLP attribute mapping, metrics buckets and prices.
///
/// ```toml
/// window = "15m"          # metrics window shown (at most 31 days)
/// since = "15m"           # history read at start-up
/// format = "auto"         # auto | flightdeck | otlp | litellm | langfuse
/// theme = "dark"          # a name from themes/ or a path
/// mouse = true            # dashboard clicks and wheel (false: the terminal keeps the mouse)
/// poll_interval = "250ms" # how often files are polled (≤ 250 ms recommended)
/// max_line_bytes = 1048576
///
/// [metrics]
/// bucket = "10s"          # bucket width (default: 10s, automatic above a 1h window)
/// retention = "1h"        # how long buckets are kept (at least the window)
/// max_series = 100000     # series kept; records of new series beyond are counted and dropped
///
/// [otlp]
/// artefact_attributes = ["flightdeck.artefact"]   # then the model name
/// version_attributes = ["flightdeck.version", "gen_ai.response.model"]
/// default_version = "unversioned"
/// route_attributes = ["flightdeck.route"]
/// default_route = "stable"
/// kind_attributes = ["flightdeck.kind"]
/// default_kind = "model"
///
/// [litellm]               # LiteLLM log records (dotted paths into the record)
/// artefact_fields = ["model_group", "model"]
/// version_fields = ["model", "model_id"]
/// default_version = "unversioned"
///
/// [receiver]             # OTLP/HTTP receiver and its data folder (ReceiverConfiguration)
/// listen = "127.0.0.1:4318"
/// retention_max_age = "7d"
///
/// [controller]           # flightdeck serve (ControllerConfiguration)
/// listen = "127.0.0.1:9465"
/// lease_ttl = "5s"
///
/// [prices."my-model"]     # USD per 1M tokens; adds to / overrides the bundled table
/// input_per_million = 1.0
/// output_per_million = 2.0
///
/// [log]                  # LogConfiguration: trace | debug | info | notice | warning | error | critical
/// level = "info"
///
/// workspace = ".flightdeck"   # registry workspace (relative to the current directory)
/// store = "postgres://alice@db.internal/flightdeck"   # optional: a shared store
///
/// [policy]                # approvals a promotion to production needs (see RiskPolicy)
/// request_lifetime = "7d"
/// [policy.critical]       # also [policy.low], [policy.medium], [policy.high]
/// approvals = 2
/// required_role = "release-manager"
/// self_approval = false
///
/// [roles]                 # role → operator names ($FLIGHTDECK_USER or the OS user)
/// release-manager = ["alice"]
///
/// [gates.high]            # evaluation gates a version must pass before production
/// pass_rate = ">= 0.95"   # (see GatePolicy; a tier table replaces that tier's defaults)
/// drift_psi = "<= 0.2"
/// ```
///
/// (`workspace` is a top-level key: in a real file it goes above the first
/// `[table]`.) The registry keys are read by
/// ``FlightDeckConfiguration/parseRegistry(_:into:fail:)``.
///
/// Every key is optional. Without `[metrics] bucket`, a window over 1 h gets
/// the automatic resolution of ``EngineOptions/fitMetricsToWindow()`` (at
/// most 360 buckets of a nice width); the retention always covers the window.
/// Unknown keys are refused (a typo must not be
/// silently ignored), as are values of the wrong type or out of range; the
/// error names the file, the line and the key.
public struct FlightDeckConfiguration: Sendable {
  /// Engine options with the file's values applied over the defaults.
  public var engineOptions = EngineOptions()
  /// The theme named in the file, if any.
  public var theme: String?
  /// Whether the dashboard asks for mouse reports (`mouse = false`: the
  /// terminal keeps the mouse, e.g. for selecting text over SSH); `nil` when
  /// the file does not say (on).
  public var mouse: Bool?
  /// The file the configuration came from, if any.
  public var source: String?
  /// The top-level keys and tables the file sets (`window`, `log`, …);
  /// empty for the defaults. ``layered(over:)`` reads it.
  public var declaredKeys: Set<String> = []
  /// The registry workspace directory (`workspace = "DIR"`), if set.
  public var workspace: String?
  /// The store (`store = "postgres://…"`), if set; else the workspace
  /// folder's embedded file (``RegistryWorkspace/storeLocation``).
  public var store: StoreLocation?
  /// The risk policy (`[policy]`): ``RiskPolicy/standard`` with the file's values applied.
  public var riskPolicy = RiskPolicy.standard
  /// Role → operator names (`[roles]`), e.g. `release-manager` → `["alice"]`.
  public var roles: [String: [String]] = [:]
  /// The evaluation gates per risk tier (`[gates.<tier>]`):
  /// ``GatePolicy/standard`` with the file's tier tables in place of the defaults.
  public var gatePolicy = GatePolicy.standard
  /// Whether the file has a `[policy]`, `[roles]` or `[gates]` section: only then do
  /// registry commands apply it to the workspace (otherwise the workspace's
  /// configuration in force is used as it is).
  public var declaresRegistryPolicy = false
  /// Alerting: `[alerts]` (rules file, evaluation interval, incident
  /// severities) and `[[slo]]` (see ``AlertConfiguration``).
  public var alerts = AlertConfiguration()
  /// The OTLP/HTTP receiver and its data folder (`[receiver]`, see
  /// ``ReceiverConfiguration``).
  public var receiver = ReceiverConfiguration()
  /// How `flightdeck serve` runs (`[controller]`, see ``ControllerConfiguration``).
  public var controller = ControllerConfiguration()

  /// Notification receivers, their routing tree and the retry policy
  /// (`[notifications]`, see ``NotificationConfiguration``).
  public var notifications = NotificationConfiguration()

  /// Where routing decisions are published (`[routing]`, see
  /// ``RoutingConfiguration`` and <doc:Routing>).
  public var routing = RoutingConfiguration()

  /// Where FlightDeck logs and how much (`[log]`, see ``LogConfiguration``).
  public var log = LogConfiguration()

  /// The defaults (no file).
  public init() {}

  private static let topKeys: Set<String> = [
    "window", "since", "format", "theme", "mouse", "poll_interval", "max_line_bytes", "metrics", "otlp",
    "litellm",
    "prices",
    "workspace", "store", "policy", "roles", "gates", "alerts", "slo", "receiver", "notifications",
    "controller", "routing", "log",
  ]
  private static let metricsKeys: Set<String> = ["bucket", "retention", "max_series"]
  private static let otlpKeys: Set<String> = [
    "artefact_attributes", "version_attributes", "default_version", "route_attributes", "default_route",
    "kind_attributes", "default_kind", "session_attributes", "error_type_attributes",
  ]

  private static let litellmKeys: Set<String> = ["artefact_fields", "version_fields", "default_version"]

  /// Reads and validates a configuration file.
  /// - Throws: ``ConfigurationError`` naming the file, line and key.
  public static func load(path: String) throws -> FlightDeckConfiguration {
    let text: String
    do {
      text = try String(contentsOfFile: path, encoding: .utf8)
    } catch {
      throw ConfigurationError(file: path, reason: "cannot read the file (\(error.localizedDescription))")
    }
    return try parse(text, file: path)
  }

  /// Parses and validates configuration text.
  /// - Parameter file: the name used in errors.
  /// - Throws: ``ConfigurationError`` naming the file, line and key.
  public static func parse(_ text: String, file: String) throws -> FlightDeckConfiguration {
    let root: TOMLTable
    do {
      root = try TOMLScreen.parse(text)
    } catch let e as TOMLSyntaxError {
      throw ConfigurationError(file: file, line: e.line, reason: e.message)
    } catch {
      throw ConfigurationError(file: file, reason: "\(error)")
    }
    let locator = TOMLKeyLocator(source: text)
    func fail(_ key: String, _ reason: String) -> ConfigurationError {
      ConfigurationError(file: file, line: locator.line(for: key), key: key, reason: reason)
    }
    func unknown(_ table: TOMLTable, allowed: Set<String>, prefix: String) throws {
      for k in table.keys.sorted() where !allowed.contains(k) {
        let path = prefix.isEmpty ? k : "\(prefix).\(k)"
        throw fail(path, "unknown key (allowed: \(allowed.sorted().joined(separator: ", ")))")
      }
    }
    func duration(_ table: TOMLTable, _ k: String, path: String, range: ClosedRange<Int64>) throws -> Int64? {
      try Self.duration(table[k], range: range, example: "\"90s\", \"15m\" or \"1h\"") { fail(path, $0) }
    }
    func strings(_ table: TOMLTable, _ k: String, path: String) throws -> [String]? {
      guard let v = table[k] else { return nil }
      if let s = v.string { return [s] }
      guard let a = v.array else { throw fail(path, "expected a string or an array of strings") }
      var out: [String] = []
      for item in a {
        guard let s = item.string, !s.isEmpty else { throw fail(path, "expected non-empty strings") }
        out.append(s)
      }
      return out
    }

    try unknown(root, allowed: topKeys, prefix: "")
    var config = FlightDeckConfiguration()
    config.source = file
    config.declaredKeys = Set(root.keys)
    var o = EngineOptions()
    if let ms = try duration(root, "window", path: "window", range: Bounds.windowMs) { o.windowMs = ms }
    if let ms = try duration(root, "since", path: "since", range: Bounds.sinceMs) { o.sinceMs = ms }
    if let ms = try duration(root, "poll_interval", path: "poll_interval", range: Bounds.pollIntervalMs) {
      o.pollIntervalMs = Int(ms)
    }
    if let v = root["format"] {
      guard let s = v.string, let f = TelemetryFormat(rawValue: s) else {
        throw fail(
          "format", "expected one of \(TelemetryFormat.allCases.map(\.rawValue).joined(separator: ", "))")
      }
      o.format = f
    }
    if let v = root["theme"] {
      guard let s = v.string, !s.isEmpty else { throw fail("theme", "expected a theme name or path") }
      config.theme = s
    }
    if let v = root["mouse"] {
      guard v.type == .bool, let b = v.bool else { throw fail("mouse", "expected true or false") }
      config.mouse = b
    }
    if let v = root["max_line_bytes"] {
      guard let n = v.int else { throw fail("max_line_bytes", "expected an integer number of bytes") }
      guard Bounds.maxLineBytes.contains(n) else {
        throw fail(
          "max_line_bytes",
          "must be between \(Bounds.maxLineBytes.lowerBound) and \(Bounds.maxLineBytes.upperBound) (1 KiB and 64 MiB)"
        )
      }
      o.maxLineBytes = n
    }
    if let v = root["metrics"] {
      guard let t = v.table else { throw fail("metrics", "expected a table") }
      try unknown(t, allowed: metricsKeys, prefix: "metrics")
      let bucket =
        try duration(t, "bucket", path: "metrics.bucket", range: Bounds.bucketMs) ?? o.metrics.bucketWidthMs
      let retention =
        try duration(t, "retention", path: "metrics.retention", range: Bounds.retentionMs)
        ?? o.metrics.retentionMs
      guard retention >= bucket else { throw fail("metrics.retention", "must be at least one bucket") }
      o.metrics = MetricsConfiguration(bucketWidthMs: bucket, retentionMs: retention)
      o.bucketWidthIsExplicit = t["bucket"] != nil
      o.retentionIsExplicit = t["retention"] != nil
      if let v = t["max_series"] {
        guard let n = v.int else { throw fail("metrics.max_series", "expected an integer number of series") }
        guard Bounds.maxSeries.contains(n) else {
          throw fail(
            "metrics.max_series",
            "must be between \(Bounds.maxSeries.lowerBound) and \(Bounds.maxSeries.upperBound)")
        }
        o.maxSeries = n
      }
    }
    if let v = root["otlp"] {
      guard let t = v.table else { throw fail("otlp", "expected a table") }
      try unknown(t, allowed: otlpKeys, prefix: "otlp")
      var m = OTLPAttributeMapping()
      if let a = try strings(t, "artefact_attributes", path: "otlp.artefact_attributes") {
        m.artefactKeys = a
      }
      if let a = try strings(t, "version_attributes", path: "otlp.version_attributes") { m.versionKeys = a }
      if let a = try strings(t, "route_attributes", path: "otlp.route_attributes") { m.routeKeys = a }
      if let a = try strings(t, "kind_attributes", path: "otlp.kind_attributes") { m.kindKeys = a }
      if let a = try strings(t, "session_attributes", path: "otlp.session_attributes") { m.sessionKeys = a }
      if let a = try strings(t, "error_type_attributes", path: "otlp.error_type_attributes") {
        m.errorTypeKeys = a
      }
      if let v = t["default_version"] {
        guard let s = v.string, !s.isEmpty else { throw fail("otlp.default_version", "expected a string") }
        m.defaultVersion = s
      }
      if let v = t["default_route"] {
        guard let s = v.string, let r = Route(rawValue: s) else {
          throw fail("otlp.default_route", "expected one of stable, canary, shadow")
        }
        m.defaultRoute = r
      }
      if let v = t["default_kind"] {
        guard let s = v.string, let k = ArtefactKind(rawValue: s) else {
          throw fail("otlp.default_kind", "expected one of model, prompt, agent")
        }
        m.defaultKind = k
      }
      o.otlpMapping = m
    }
    if let v = root["litellm"] {
      guard let t = v.table else { throw fail("litellm", "expected a table") }
      try unknown(t, allowed: litellmKeys, prefix: "litellm")
      var m = LiteLLMFieldMapping()
      if let a = try strings(t, "artefact_fields", path: "litellm.artefact_fields") { m.artefactFields = a }
      if let a = try strings(t, "version_fields", path: "litellm.version_fields") { m.versionFields = a }
      if let v = t["default_version"] {
        guard let s = v.string, !s.isEmpty else { throw fail("litellm.default_version", "expected a string") }
        m.defaultVersion = s
      }
      o.litellmMapping = m
    }
    if root["prices"] != nil {
      do {
        o.prices = PriceTable.default.merging(try PriceTable.parse(toml: text, source: file))
      } catch var e as ConfigurationError {
        // The price parser knows the key but not its line.
        e.line =
          e.line
          ?? e.key.flatMap {
            locator.line(for: $0) ?? locator.line(for: $0.replacingOccurrences(of: "\"", with: ""))
          }
        throw e
      }
    }
    try parseRegistry(root, into: &config, fail: fail)
    try parseAlerts(root, into: &config, fail: fail)
    try parseReceiver(root, into: &config, fail: fail)
    try parseNotifications(root, into: &config, fail: fail)
    try parseRouting(root, into: &config, fail: fail)
    try parseController(root, into: &config, fail: fail)
    try parseLog(root, into: &config, fail: fail)
    if root["gates"] != nil {
      config.gatePolicy = try GatePolicy.parse(root, file: file, locator: locator)
      config.declaresRegistryPolicy = true
    }
    o.fitMetricsToWindow()
    if o.bucketsPerWindow > EngineOptions.maximumBucketsPerWindow {
      throw fail(
        "metrics.bucket",
        "the window of \(DurationText.format(o.windowMs)) would span \(o.bucketsPerWindow) buckets of "
          + "\(DurationText.format(o.metrics.bucketWidthMs)); at most \(EngineOptions.maximumBucketsPerWindow) "
          + "are allowed (use a wider bucket, or leave it out to choose one automatically)")
    }
    config.engineOptions = o
    return config
  }
}
