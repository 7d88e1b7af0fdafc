/// The controller's alerting (`flightdeck serve`): the same pieces the
/// dashboard runs — a ``DashboardEngine`` tailing the telemetry sources into
/// the metrics windows and evaluating the alert rules and SLOs
/// (``AlertEngine``), and an ``AlertKeeper`` persisting the transitions and
/// opening incidents — without a screen.
///
/// Each ``runIfDue()`` polls the sources when the engine's poll is due
/// (``DashboardEngine/nextPollDue``), hands the transitions to the keeper,
/// and, when the store's change token moved, gives the engine the silences
/// and acknowledgements made anywhere (CLI, a dashboard).
public final class AlertControllerWork: ControllerWork {
  /// The engine (ingestion, windows, alert evaluation).
  public let engine: DashboardEngine
  /// Persists transitions and opens incidents (as `system:alerting`).
  public let keeper: AlertKeeper
  private let clock: any FlightDeckClock
  private var lastToken: Int64?

  /// Work over `engine` (made with the alert engine) and `keeper`, paced on `clock` (the engine's).
  public init(engine: DashboardEngine, keeper: AlertKeeper, clock: any FlightDeckClock) {
    self.engine = engine
    self.keeper = keeper
    self.clock = clock
  }

  /// `alerts`.
  public var workName: String { "alerts" }

  /// The most transitions one run logs one line each; the rest are
  /// summed up in one line (a first round over a thousand rules may move
  /// a thousand instances at once).
  public static let maximumTransitionLines = 100

  /// Polls, evaluates and records when the engine's poll is due (with the
  /// fence ``ControllerFence/always``).
  /// - Returns: a line per incident opened or joined, per transition recorded, and per problem.
  public func runIfDue() -> [String] { runIfDue(fence: .always) }

  /// Polls, evaluates and records when the engine's poll is due, writing the
  /// transitions in chunks while `fence` holds (``AlertKeeper/record(_:while:)``).
  /// - Returns: a line per incident opened or joined, per transition recorded
  ///   (the first ``maximumTransitionLines``, then one line counting the
  ///   rest by target state), and per problem.
  public func runIfDue(fence: ControllerFence) -> [String] {
    guard clock.now() >= engine.nextPollDue else { return [] }
    engine.pump()
    var lines: [String] = []
    let transitions = engine.takeAlertTransitions()
    if !transitions.isEmpty {
      let report = keeper.record(transitions, while: fence)
      for t in transitions.prefix(Self.maximumTransitionLines) {
        lines.append("\(t.instance.displayName) \(t.from?.rawValue ?? "new") → \(t.to.rawValue)")
      }
      if transitions.count > Self.maximumTransitionLines {
        let rest = transitions.dropFirst(Self.maximumTransitionLines)
        let byState = Dictionary(grouping: rest, by: \.to.rawValue).mapValues(\.count)
        lines.append(
          "… and \(rest.count) more transitions ("
            + byState.sorted { $0.key < $1.key }.map { "\($0.value) → \($0.key)" }.joined(separator: ", ")
            + ")")
      }
      lines += report.incidents.map { "\($0.displayID) opened (\($0.severity.rawValue)): \($0.title)" }
      lines += report.joined.map { "\($0.displayID): its alert fired again and joined it" }
      lines += report.problems
    }
    guard fence.holds else { return lines }
    if let token = try? keeper.store.changeToken(), token != lastToken {
      lastToken = token
      if let silences = try? keeper.store.silences(includeExpired: false),
        let stored = try? keeper.store.alertInstances()
      {
        engine.updateAlertState(silences: silences, stored: stored)
      }
    }
    return lines
  }
}
