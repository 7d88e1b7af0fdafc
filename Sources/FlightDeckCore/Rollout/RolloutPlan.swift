/// A rollout plan: which version goes out as canary of which artefact, by
/// which steps, with optional shadow mirroring and sticky routing (Argo
/// Rollouts' canary strategy; Flagger's analysis).
public struct RolloutPlan: Sendable, Hashable, Codable {
  /// How requests are assigned to stable or canary.
  public enum RoutingKey: String, Sendable, Hashable, Codable {
    /// Sticky per session: a session stays on one version (see ``TrafficRouter``).
    case session
    /// Per request: each request is an independent weighted draw.
    case request
  }

  /// The artefact.
  public var artefact: String
  /// The version going out as canary.
  public var canaryVersion: String
  /// The steps, in order.
  public var steps: [RolloutStep]
  /// Fraction of user-facing requests mirrored to a shadow version (0–1), if any.
  public var shadowMirror: Double?
  /// Sticky assignment by session (default) or per request.
  public var routingKey: RoutingKey

  /// Creates a plan after checking it.
  /// - Throws: ``RolloutError`` for no steps, a weight outside 0–100, a
  ///   non-positive pause or interval, or a mirror fraction outside 0–1.
  public init(
    artefact: String, canaryVersion: String, steps: [RolloutStep], shadowMirror: Double? = nil,
    routingKey: RoutingKey = .session
  ) throws {
    guard !steps.isEmpty else { throw RolloutError("a rollout plan needs at least one step") }
    for (i, step) in steps.enumerated() {
      switch step {
      case .setWeight(let p) where !(0...100).contains(p):
        throw RolloutError("step \(i + 1): weight \(p) % is outside 0–100")
      case .pause(let ms) where ms <= 0:
        throw RolloutError("step \(i + 1): a pause must be longer than 0")
      case .analysis(let ms, _) where ms <= 0:
        throw RolloutError("step \(i + 1): an analysis interval must be longer than 0")
      default: break
      }
    }
    if let m = shadowMirror, !(m >= 0 && m <= 1) {
      throw RolloutError("shadow mirror \(m) is outside 0–1")
    }
    self.artefact = artefact
    self.canaryVersion = canaryVersion
    self.steps = steps
    self.shadowMirror = shadowMirror
    self.routingKey = routingKey
  }

  /// The steps of the CLI shorthand `--steps 5,25,50,100 --pause 10m
  /// [--analysis 1m×5]`: for each weight below 100, set it, pause, then
  /// (when given) analyse; the final weight is set last. A weight list not
  /// ending in 100 ends with a pause until promoted.
  /// - Parameters:
  ///   - weights: Increasing percentages, each 1–100.
  ///   - pauseMs: The pause after each weight (ms, > 0).
  ///   - analysis: An analysis after each pause: interval (ms) and policy.
  /// - Throws: ``RolloutError`` for an empty or non-increasing list or a weight outside 1–100.
  public static func steps(
    weights: [Int], pauseMs: Int64, analysis: (intervalMs: Int64, policy: AnalysisPolicy)? = nil
  ) throws -> [RolloutStep] {
    guard !weights.isEmpty else { throw RolloutError("--steps: give at least one weight, e.g. 5,25,50,100") }
    for (a, b) in zip(weights, weights.dropFirst()) where b <= a {
      throw RolloutError("--steps: weights must increase (\(a) then \(b))")
    }
    guard weights.allSatisfy({ (1...100).contains($0) }) else {
      throw RolloutError("--steps: every weight must be between 1 and 100")
    }
    var steps: [RolloutStep] = []
    for w in weights {
      steps.append(.setWeight(percent: w))
      if w == 100 { break }
      steps.append(.pause(durationMs: pauseMs))
      if let analysis { steps.append(.analysis(intervalMs: analysis.intervalMs, policy: analysis.policy)) }
    }
    if weights.last != 100 { steps.append(.pauseUntilPromoted) }
    return steps
  }
}
