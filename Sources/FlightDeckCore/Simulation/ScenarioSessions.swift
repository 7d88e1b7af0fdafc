/// How an artefact's requests are grouped into sessions (`[artefact.sessions]`).
///
/// The simulator keeps `concurrent` sessions open; each request picks one of
/// them uniformly at random, and a session that has served
/// `requestsPerSession` requests is replaced by a fresh one (new random id).
/// The session id is the routing key, so a session is sticky to one version.
public struct ScenarioSessions: Sendable, Hashable {
  /// Number of simultaneously open sessions (`concurrent`), ≥ 1.
  public var concurrent: Int
  /// Requests served by a session before it ends (`requests_per_session`), ≥ 1.
  public var requestsPerSession: Int

  /// Creates a session model.
  public init(concurrent: Int, requestsPerSession: Int) {
    self.concurrent = concurrent
    self.requestsPerSession = requestsPerSession
  }
}
