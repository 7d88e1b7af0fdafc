/// The open sessions of one artefact (see `ScenarioSessions`).
///
/// `concurrent` slots; each request picks a slot uniformly, and a slot whose
/// session has served `requestsPerSession` requests gets a new session with a
/// fresh random id (`sess-` + 12 hex digits from the run's generator).
struct SessionPool: Sendable {
  private let requestsPerSession: Int
  private var ids: [String?]
  private var remaining: [Int]

  /// Creates an empty pool; sessions are opened on first use.
  init(_ spec: ScenarioSessions) {
    requestsPerSession = max(1, spec.requestsPerSession)
    ids = Array(repeating: nil, count: max(1, spec.concurrent))
    remaining = Array(repeating: 0, count: max(1, spec.concurrent))
  }

  /// The session id of the next request.
  mutating func next(using rng: inout SplitMix64) -> String {
    let slot = min(Int(rng.nextUnit() * Double(ids.count)), ids.count - 1)
    if remaining[slot] == 0 || ids[slot] == nil {
      let bits = rng.next() & 0xFFFF_FFFF_FFFF
      let hex = String(bits, radix: 16)
      ids[slot] = "sess-" + String(repeating: "0", count: 12 - hex.count) + hex
      remaining[slot] = requestsPerSession
    }
    remaining[slot] -= 1
    return ids[slot] ?? "sess-unknown"
  }
}
