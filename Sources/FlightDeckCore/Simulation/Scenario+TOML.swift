import Foundation
import TOMLKit

extension Scenario {
  /// Keys allowed at the top level of a scenario file.
  static let topLevelKeys = [
    "name", "description", "rate", "seed", "artefact", "event", "rollout",
  ]
  /// Keys allowed in `[[artefact]]`.
  static let artefactKeys = ["name", "kind", "share", "sessions", "stable", "canary", "shadow"]
  /// Keys allowed in every version table.
  static let versionKeys = [
    "version", "latency", "ttft", "ttft_fraction", "error_rate", "timeout_rate", "timeout_ms",
    "input_tokens", "output_tokens", "price", "model", "provider", "guardrail_fail_rate", "score",
  ]
  /// Keys allowed in `[[event]]`.
  static let eventKeys = [
    "at", "artefact", "version", "error_rate", "timeout_rate", "latency_factor", "canary_weight",
    "mirror_fraction",
  ]

  /// Loads and validates the scenario file at `url`.
  ///
  /// - Throws: `ScenarioError` (file = the URL's relative path) when the
  ///   file cannot be read, is not valid TOML, or fails validation.
  public static func load(contentsOf url: URL) throws -> Scenario {
    let name = url.relativePath
    let text: String
    do {
      text = try String(contentsOf: url, encoding: .utf8)
    } catch {
      throw ScenarioError(
        file: url.path, keyPath: "", line: nil, message: "cannot read file: \(error.localizedDescription)")
    }
    return try Scenario(toml: text, fileName: name)
  }

  /// The scenario at `path`, or the built-in default when `path` is `nil`.
  ///
  /// - Throws: `ScenarioError` naming the file, key path and line.
  public static func load(path: String?) throws -> Scenario {
    guard let path else { return try bundledDefault() }
    return try load(contentsOf: URL(fileURLWithPath: path))
  }

  /// The bundled default scenario (`Resources/default-scenario.toml`), the
  /// data source of `flightdeck demo`.
  ///
  /// - Throws: `ScenarioError` if the resource is missing or invalid (a
  ///   packaging bug; the test suite loads it).
  public static func bundledDefault() throws -> Scenario {
    guard let url = defaultScenarioURL else {
      throw ScenarioError(
        file: "default-scenario.toml", keyPath: "", line: nil, message: "resource missing from bundle")
    }
    return try load(contentsOf: url)
  }

  /// URL of the bundled default scenario, `nil` if the resource is missing.
  public static var defaultScenarioURL: URL? {
    Bundle.module.url(forResource: "default-scenario", withExtension: "toml", subdirectory: "Resources")
      ?? Bundle.module.url(forResource: "default-scenario", withExtension: "toml")
  }

  /// Parses and validates a scenario from TOML text.
  ///
  /// Unknown keys are errors (they are usually typos), as are missing
  /// required keys, wrong types and out-of-range values (weights outside
  /// 0…100, rates outside 0…1, non-positive latencies, bad durations), and
  /// events naming an unknown artefact or version.
  ///
  /// - Parameters:
  ///   - toml: The document text.
  ///   - fileName: Name used in error messages.
  /// - Throws: `ScenarioError` naming `fileName`, the key path and the line.
  public init(toml: String, fileName: String) throws {
    let root: TOMLTable
    do {
      root = try TOMLScreen.parse(toml)
    } catch let parseError as TOMLSyntaxError {
      throw ScenarioError(
        file: fileName, keyPath: "", line: parseError.line,
        message: "invalid TOML: \(parseError.message)")
    }
    let reader = ScenarioTOMLReader(file: fileName, locator: TOMLKeyLocator(source: toml))
    try reader.checkKeys(root, "", allowed: Scenario.topLevelKeys)
    _ = try reader.string(root, "description", "")
    let name = try reader.string(root, "name", "") ?? "scenario"
    let rate = try reader.positive(root, "rate", "", atMost: Bounds.rate, unit: " req/s") ?? 40
    let seed = try reader.integer(root, "seed", "", in: 0...Int.max).map { UInt64($0) }

    let artefactTables = try reader.tables(root, "artefact", "")
    guard !artefactTables.isEmpty else {
      throw reader.error("artefact", "a scenario needs at least one [[artefact]]")
    }
    var artefacts: [ScenarioArtefact] = []
    for (index, table) in artefactTables.enumerated() {
      let path = "artefact[\(index)]"
      let artefact = try Scenario.artefact(table, path, reader)
      if artefacts.contains(where: { $0.name == artefact.name }) {
        throw reader.error(path + ".name", "duplicate artefact name \"\(artefact.name)\"")
      }
      artefacts.append(artefact)
    }

    var events: [ScenarioEvent] = []
    for (index, table) in try reader.tables(root, "event", "").enumerated() {
      events.append(try Scenario.event(table, "event[\(index)]", artefacts, reader))
    }
    var rollouts: [ScenarioRollout] = []
    for (index, table) in try reader.tables(root, "rollout", "").enumerated() {
      let rollout = try Scenario.rollout(table, "rollout[\(index)]", artefacts, reader)
      if rollouts.contains(where: { $0.plan.artefact == rollout.plan.artefact }) {
        throw reader.error(
          "rollout[\(index)].artefact", "a second rollout of \"\(rollout.plan.artefact)\" (one per artefact)")
      }
      rollouts.append(rollout)
    }
    self.init(name: name, rate: rate, seed: seed, artefacts: artefacts, events: events, rollouts: rollouts)
  }

  private static func artefact(
    _ table: TOMLTable, _ path: String, _ reader: ScenarioTOMLReader
  ) throws -> ScenarioArtefact {
    try reader.checkKeys(table, path, allowed: artefactKeys)
    let name = try reader.require(reader.string(table, "name", path), "name", path)
    guard !name.isEmpty else { throw reader.error(path + ".name", "must not be empty") }
    let kindText = try reader.require(reader.string(table, "kind", path), "kind", path)
    guard let kind = ArtefactKind(rawValue: kindText) else {
      throw reader.error(path + ".kind", "unknown kind \"\(kindText)\" (expected model, prompt or agent)")
    }
    let share = try reader.positive(table, "share", path, atMost: Bounds.share) ?? 1

    var sessions: ScenarioSessions?
    if let sessionTable = try reader.table(table, "sessions", path) {
      let sessionPath = path + ".sessions"
      try reader.checkKeys(sessionTable, sessionPath, allowed: ["concurrent", "requests_per_session"])
      let concurrent = try reader.require(
        reader.integer(sessionTable, "concurrent", sessionPath, in: Bounds.concurrentSessions), "concurrent",
        sessionPath)
      let perSession = try reader.require(
        reader.integer(sessionTable, "requests_per_session", sessionPath, in: Bounds.requestsPerSession),
        "requests_per_session", sessionPath)
      sessions = ScenarioSessions(concurrent: concurrent, requestsPerSession: perSession)
    }

    let stableTable = try reader.require(reader.table(table, "stable", path), "stable", path)
    let stable = try version(stableTable, path + ".stable", extraKeys: [], reader)

    var canary: ScenarioVersion?
    var weight = 0.0
    if let canaryTable = try reader.table(table, "canary", path) {
      let canaryPath = path + ".canary"
      canary = try version(canaryTable, canaryPath, extraKeys: ["weight"], reader)
      weight = try reader.require(
        reader.number(canaryTable, "weight", canaryPath, in: 0...100, unit: " %"), "weight", canaryPath)
    }

    var shadow: ScenarioVersion?
    var mirror = 0.0
    if let shadowTable = try reader.table(table, "shadow", path) {
      let shadowPath = path + ".shadow"
      shadow = try version(shadowTable, shadowPath, extraKeys: ["mirror"], reader)
      mirror = try reader.require(
        reader.number(shadowTable, "mirror", shadowPath, in: 0...1), "mirror", shadowPath)
    }

    var seen: [String: String] = [stable.version: "stable"]
    for (route, candidate) in [("canary", canary), ("shadow", shadow)] {
      guard let candidate else { continue }
      if let other = seen[candidate.version] {
        throw reader.error(
          "\(path).\(route).version",
          "version \"\(candidate.version)\" is already the \(other) version of \"\(name)\"")
      }
      seen[candidate.version] = route
    }

    return ScenarioArtefact(
      name: name, kind: kind, share: share, sessions: sessions, stable: stable, canary: canary,
      canaryWeight: weight, shadow: shadow, mirrorFraction: mirror)
  }

  private static func version(
    _ table: TOMLTable, _ path: String, extraKeys: [String], _ reader: ScenarioTOMLReader
  ) throws -> ScenarioVersion {
    try reader.checkKeys(table, path, allowed: versionKeys + extraKeys)
    let label = try reader.require(reader.string(table, "version", path), "version", path)
    guard !label.isEmpty else { throw reader.error(path + ".version", "must not be empty") }
    let latencyTable = try reader.require(reader.table(table, "latency", path), "latency", path)
    let latency = try timeDistribution(latencyTable, path + ".latency", reader)

    var ttft: ScenarioTTFT?
    let ttftFraction = try reader.number(table, "ttft_fraction", path, in: 0...1)
    let ttftTable = try reader.table(table, "ttft", path)
    switch (ttftFraction, ttftTable) {
    case (let fraction?, nil): ttft = .fraction(fraction)
    case (nil, let inner?): ttft = .distribution(try timeDistribution(inner, path + ".ttft", reader))
    case (nil, nil): ttft = nil
    case (_?, _?): throw reader.error(path + ".ttft", "give either ttft or ttft_fraction, not both")
    }

    let errorRate = try reader.number(table, "error_rate", path, in: 0...1) ?? 0
    let timeoutRate = try reader.number(table, "timeout_rate", path, in: 0...1) ?? 0
    guard errorRate + timeoutRate <= 1 else {
      throw reader.error(path + ".timeout_rate", "error_rate + timeout_rate must not exceed 1")
    }
    let timeoutMs =
      try reader.positive(table, "timeout_ms", path, atMost: Bounds.milliseconds, unit: " ms") ?? 30_000

    let inputTable = try reader.require(reader.table(table, "input_tokens", path), "input_tokens", path)
    let input = try tokenDistribution(inputTable, path + ".input_tokens", reader)
    let outputTable = try reader.require(reader.table(table, "output_tokens", path), "output_tokens", path)
    let output = try tokenDistribution(outputTable, path + ".output_tokens", reader)

    var pricing = ScenarioPricing.unpriced
    let model = try reader.string(table, "model", path)
    if let priceTable = try reader.table(table, "price", path) {
      let pricePath = path + ".price"
      try reader.checkKeys(priceTable, pricePath, allowed: ["input_per_million", "output_per_million"])
      let inPrice = try reader.require(
        reader.number(priceTable, "input_per_million", pricePath, in: 0...1_000_000, unit: " USD"),
        "input_per_million", pricePath)
      let outPrice = try reader.require(
        reader.number(priceTable, "output_per_million", pricePath, in: 0...1_000_000, unit: " USD"),
        "output_per_million", pricePath)
      pricing = .price(ModelPrice(inputPerMillion: inPrice, outputPerMillion: outPrice))
    } else if let model {
      pricing = .model(model)
    }

    let provider = try reader.string(table, "provider", path)
    let guardrail = try reader.number(table, "guardrail_fail_rate", path, in: 0...1)
    var score: ScenarioScore?
    if let scoreTable = try reader.table(table, "score", path) {
      let scorePath = path + ".score"
      try reader.checkKeys(scoreTable, scorePath, allowed: ["mean", "stddev"])
      let mean = try reader.require(
        reader.number(scoreTable, "mean", scorePath, in: 0...1), "mean", scorePath)
      let stddev = try reader.number(scoreTable, "stddev", scorePath, in: 0...1) ?? 0
      score = ScenarioScore(mean: mean, stddev: stddev)
    }

    return ScenarioVersion(
      version: label, latency: latency, ttft: ttft, errorRate: errorRate, timeoutRate: timeoutRate,
      timeoutMs: timeoutMs, inputTokens: input, outputTokens: output, pricing: pricing,
      provider: provider, guardrailFailRate: guardrail, score: score)
  }

  /// A log-normal in ms: `{ median_ms, p95_ms }` or `{ mu, sigma }` (of ln ms).
  private static func timeDistribution(
    _ table: TOMLTable, _ path: String, _ reader: ScenarioTOMLReader
  ) throws -> LogNormal {
    try reader.checkKeys(table, path, allowed: ["median_ms", "p95_ms", "mu", "sigma"])
    return try logNormal(
      table, path, medianKey: "median_ms", p95Key: "p95_ms", allowMean: false, maximum: Bounds.milliseconds,
      mu: Bounds.timeMu, reader)
  }

  /// A log-normal token count: `{ mean, sigma }`, `{ median, p95 }` or `{ mu, sigma }`.
  private static func tokenDistribution(
    _ table: TOMLTable, _ path: String, _ reader: ScenarioTOMLReader
  ) throws -> LogNormal {
    try reader.checkKeys(table, path, allowed: ["mean", "median", "p95", "mu", "sigma"])
    return try logNormal(
      table, path, medianKey: "median", p95Key: "p95", allowMean: true, maximum: Bounds.tokens,
      mu: Bounds.tokenMu,
      reader)
  }

  private static func logNormal(
    _ table: TOMLTable, _ path: String, medianKey: String, p95Key: String, allowMean: Bool, maximum: Double,
    mu muRange: ClosedRange<Double>, _ reader: ScenarioTOMLReader
  ) throws -> LogNormal {
    let median = try reader.positive(table, medianKey, path, atMost: maximum)
    let p95 = try reader.positive(table, p95Key, path, atMost: maximum)
    let mu = try reader.number(table, "mu", path, in: muRange)
    let sigma = try reader.number(table, "sigma", path, in: 0...10)
    let mean = allowMean ? try reader.positive(table, "mean", path, atMost: maximum) : nil
    let forms =
      allowMean
      ? "give \(medianKey) and \(p95Key), mean and sigma, or mu and sigma"
      : "give \(medianKey) and \(p95Key), or mu and sigma"
    switch (median, p95, mu, sigma, mean) {
    case (let median?, let p95?, nil, nil, nil):
      guard p95 >= median else {
        throw reader.error(
          path + "." + p95Key,
          "\(ScenarioTOMLReader.format(p95)) is below \(medianKey) \(ScenarioTOMLReader.format(median))")
      }
      return LogNormal(median: median, p95: p95)
    case (nil, nil, let mu?, let sigma?, nil):
      return LogNormal(mu: mu, sigma: sigma)
    case (nil, nil, nil, let sigma?, let mean?):
      return LogNormal(mean: mean, sigma: sigma)
    default:
      throw reader.error(path, forms)
    }
  }

  private static func event(
    _ table: TOMLTable, _ path: String, _ artefacts: [ScenarioArtefact], _ reader: ScenarioTOMLReader
  ) throws -> ScenarioEvent {
    try reader.checkKeys(table, path, allowed: eventKeys)
    let at = try reader.require(reader.duration(table, "at", path, in: Bounds.offsetMs), "at", path)
    let name = try reader.require(reader.string(table, "artefact", path), "artefact", path)
    guard let artefact = artefacts.first(where: { $0.name == name }) else {
      let known = artefacts.map(\.name).joined(separator: ", ")
      throw reader.error(path + ".artefact", "unknown artefact \"\(name)\" (scenario has: \(known))")
    }
    let version = try reader.string(table, "version", path)
    let errorRate = try reader.number(table, "error_rate", path, in: 0...1)
    let timeoutRate = try reader.number(table, "timeout_rate", path, in: 0...1)
    let latencyFactor = try reader.positive(table, "latency_factor", path, atMost: Bounds.latencyFactor)
    let weight = try reader.number(table, "canary_weight", path, in: 0...100, unit: " %")
    let mirror = try reader.number(table, "mirror_fraction", path, in: 0...1)

    let changesVersion = errorRate != nil || timeoutRate != nil || latencyFactor != nil
    if let version {
      let labels = [artefact.stable, artefact.canary, artefact.shadow].compactMap { $0?.version }
      guard labels.contains(version) else {
        throw reader.error(
          path + ".version",
          "artefact \"\(name)\" has no version \"\(version)\" (it has: \(labels.joined(separator: ", ")))")
      }
    } else if changesVersion {
      throw reader.error(
        path + ".version",
        "missing required key \"version\" (error_rate, timeout_rate and latency_factor apply to one version)")
    }
    if weight != nil, artefact.canary == nil {
      throw reader.error(path + ".canary_weight", "artefact \"\(name)\" has no canary")
    }
    if mirror != nil, artefact.shadow == nil {
      throw reader.error(path + ".mirror_fraction", "artefact \"\(name)\" has no shadow")
    }
    guard changesVersion || weight != nil || mirror != nil else {
      throw reader.error(
        path,
        "event changes nothing (set error_rate, timeout_rate, latency_factor, canary_weight or mirror_fraction)"
      )
    }
    return ScenarioEvent(
      atMs: at, artefact: name, version: version, errorRate: errorRate, timeoutRate: timeoutRate,
      latencyFactor: latencyFactor, canaryWeight: weight, mirrorFraction: mirror)
  }
}
