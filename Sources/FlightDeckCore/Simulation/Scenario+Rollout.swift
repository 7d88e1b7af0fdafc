import TOMLKit

extension Scenario {
  /// Keys allowed in `[[rollout]]`.
  static let rolloutKeys = ["artefact", "version", "window", "steps"]
  /// Keys allowed in one step of `[[rollout]].steps`.
  static let rolloutStepKeys = [
    "weight", "pause", "analysis", "count", "failure_limit", "inconclusive_limit",
  ]

  /// Parses one `[[rollout]]` table (see ``ScenarioRollout`` for the keys).
  /// - Throws: `ScenarioError` naming the key path and line for an unknown
  ///   artefact, a version that is not the artefact's canary, a step with
  ///   none or several of `weight`/`pause`/`analysis`, limits on a step that
  ///   is not an analysis, or a plan ``RolloutPlan`` refuses.
  static func rollout(
    _ table: TOMLTable, _ path: String, _ artefacts: [ScenarioArtefact], _ reader: ScenarioTOMLReader
  ) throws -> ScenarioRollout {
    try reader.checkKeys(table, path, allowed: rolloutKeys)
    let name = try reader.require(reader.string(table, "artefact", path), "artefact", path)
    guard let artefact = artefacts.first(where: { $0.name == name }) else {
      let known = artefacts.map(\.name).joined(separator: ", ")
      throw reader.error(path + ".artefact", "unknown artefact \"\(name)\" (scenario has: \(known))")
    }
    let version = try reader.require(reader.string(table, "version", path), "version", path)
    guard let canary = artefact.canary, canary.version == version else {
      let has = artefact.canary.map { "its canary is \"\($0.version)\"" } ?? "it has no canary"
      throw reader.error(
        path + ".version", "a rollout needs the artefact's canary version; \(has) (\"\(version)\" given)")
    }
    let window = try reader.duration(table, "window", path, in: Bounds.offsetMs) ?? 90_000
    guard window > 0 else { throw reader.error(path + ".window", "must be longer than 0") }
    let stepTables = try reader.tables(table, "steps", path)
    guard !stepTables.isEmpty else {
      throw reader.error(path + ".steps", "a rollout needs at least one step, e.g. steps = [{ weight = 5 }]")
    }
    var steps: [RolloutStep] = []
    for (index, stepTable) in stepTables.enumerated() {
      steps.append(try rolloutStep(stepTable, "\(path).steps[\(index)]", reader))
    }
    do {
      let plan = try RolloutPlan(artefact: name, canaryVersion: version, steps: steps)
      return ScenarioRollout(plan: plan, windowMs: window)
    } catch let error as RolloutError {
      throw reader.error(path + ".steps", error.message)
    }
  }

  private static func rolloutStep(
    _ table: TOMLTable, _ path: String, _ reader: ScenarioTOMLReader
  ) throws -> RolloutStep {
    try reader.checkKeys(table, path, allowed: rolloutStepKeys)
    let kinds = ["weight", "pause", "analysis"].filter { table[$0] != nil }
    guard kinds.count == 1 else {
      throw reader.error(
        path,
        kinds.isEmpty
          ? "a step needs one of weight, pause or analysis"
          : "a step has one of weight, pause or analysis, not \(kinds.joined(separator: " and "))")
    }
    let limits = ["count", "failure_limit", "inconclusive_limit"].filter { table[$0] != nil }
    if kinds[0] != "analysis", let first = limits.first {
      throw reader.error(reader.join(path, first), "\(first) applies to an analysis step only")
    }
    switch kinds[0] {
    case "weight":
      let weight = try reader.require(reader.integer(table, "weight", path, in: 0...Int.max), "weight", path)
      guard weight <= 100 else { throw reader.error(path + ".weight", "\(weight) % is out of range 0…100 %") }
      return .setWeight(percent: weight)
    case "pause":
      if try reader.string(table, "pause", path) == "promote" { return .pauseUntilPromoted }
      let ms = try reader.require(reader.duration(table, "pause", path, in: Bounds.offsetMs), "pause", path)
      guard ms > 0 else { throw reader.error(path + ".pause", "must be longer than 0") }
      return .pause(durationMs: ms)
    default:
      let interval = try reader.require(
        reader.duration(table, "analysis", path, in: 0...Bounds.analysisIntervalMs), "analysis", path)
      guard interval > 0 else { throw reader.error(path + ".analysis", "must be longer than 0") }
      let policy = AnalysisPolicy(
        count: try reader.integer(table, "count", path, in: Bounds.analysisCount),
        failureLimit: try reader.integer(table, "failure_limit", path, in: Bounds.analysisLimit) ?? 0,
        inconclusiveLimit: try reader.integer(table, "inconclusive_limit", path, in: Bounds.analysisLimit)
          ?? 0)
      return .analysis(intervalMs: interval, policy: policy)
    }
  }
}
