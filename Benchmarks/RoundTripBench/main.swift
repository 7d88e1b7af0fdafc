// roundtripbench: the promote → approve → apply round trip with N concurrent clients
// (issue 13, "Benchmarks"), on SQLite and on PostgreSQL, through the store API.
//
// Each client is a thread with its own stores (its own connections): a requester and two
// approvers. Each round on the client's own artefact (risk tier high: two approvals,
// no self-approval): the requester requests production → v(r); approver A approves
// (1/2); approver B approves (2/2), which applies the request and moves production.
// Every operation is timed (monotonic clock); the report gives ops/s and p50/p95/p99
// per operation kind. At the end the audit chain is verified and the counts checked
// against what was done: applied requests, production moves per artefact, audit
// entries (one per request and first approval, two per applying approval: 4 per round), and each
// artefact's production pointer at its last version (no lost update).
//
// On SQLite the three identities are names (unauthenticated); on PostgreSQL they are
// three login roles (an operator and two approvers, `PostgresTeamRoles` applied), so
// four-eyes and the grants are the database's.
//
// Usage:
//   swift build -c release --product roundtripbench
//   eval "$(bash Tests/Tools/postgres-cluster.sh start)"     # for --backend postgres
//   nice -n 19 .build/release/roundtripbench [--backend sqlite|postgres|both] [--clients 8] [--rounds 50]
// Exit status: 0 when every operation succeeded and every check passed, 1 otherwise.
import FlightDeckCore
import FlightDeckStorePostgres
import Foundation

/// Command-line options.
struct Options {
  var backends = ["sqlite", "postgres"]
  var clients = 8
  var rounds = 50

  init(_ arguments: [String]) {
    var i = 1
    while i < arguments.count {
      let value = i + 1 < arguments.count ? arguments[i + 1] : ""
      switch arguments[i] {
      case "--backend": backends = value == "both" ? ["sqlite", "postgres"] : [value]
      case "--clients": clients = max(1, Int(value) ?? clients)
      case "--rounds": rounds = max(1, Int(value) ?? rounds)
      default:
        FileHandle.standardError.write(
          Data("usage: roundtripbench [--backend sqlite|postgres|both] [--clients N] [--rounds N]\n".utf8))
        exit(2)
      }
      i += 2
    }
  }
}

/// Latencies per operation kind and the failures, collected from every client thread.
final class Results: @unchecked Sendable {
  private let lock = NSLock()
  private var latencies: [String: [Double]] = [:]
  private(set) var failures: [String] = []
  private(set) var roundsDone = 0

  func record(_ kind: String, _ ms: Double) { lock.withLock { latencies[kind, default: []].append(ms) } }
  func fail(_ message: String) { lock.withLock { failures.append(message) } }
  func roundDone() { lock.withLock { roundsDone += 1 } }
  func samples(_ kind: String) -> [Double] { lock.withLock { latencies[kind] ?? [] } }
}

/// The value at quantile `q` of `sorted` (nearest rank: the ⌈q·n⌉-th smallest).
func quantile(_ sorted: [Double], _ q: Double) -> Double {
  guard !sorted.isEmpty else { return .nan }
  return sorted[min(sorted.count - 1, max(0, Int((q * Double(sorted.count)).rounded(.up)) - 1))]
}

/// One backend's stores: the administrator's (setup and checks) and, per client, a
/// requester and two approvers, each its own store (own connection).
struct Bench {
  let name: String
  let owner: any RegistryStore
  let clients: [(requester: any RegistryStore, a: any RegistryStore, b: any RegistryStore)]
  let cleanup: () -> Void
}

func loadAverage() -> String {
  (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?.split(separator: " ").prefix(3)
    .joined(separator: " ") ?? "?"
}

func sqliteBench(_ options: Options, clock: any FlightDeckClock) throws -> Bench {
  let dir = FileManager.default.temporaryDirectory.appendingPathComponent("fd-roundtrip-\(getpid())").path
  try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
  let location = StoreLocation.sqlite(path: dir + "/registry.sqlite")
  let backend = SQLiteStoreBackend()
  let open = StoreOpenOptions(clock: clock)
  let owner = try backend.create(at: location, options: open, actor: OperatorIdentity(name: "admin"))
  let clients = try (0..<options.clients).map { _ in
    (
      try backend.open(at: location, options: open), try backend.open(at: location, options: open),
      try backend.open(at: location, options: open)
    )
  }
  return Bench(name: "SQLite", owner: owner, clients: clients) {
    try? FileManager.default.removeItem(atPath: dir)
  }
}

func postgresBench(_ options: Options, clock: any FlightDeckClock) throws -> Bench {
  guard let url = ProcessInfo.processInfo.environment["FLIGHTDECK_TEST_POSTGRES_URL"] else {
    throw RegistryError(
      .storage, "set FLIGHTDECK_TEST_POSTGRES_URL (bash Tests/Tools/postgres-cluster.sh start)")
  }
  let admin = try PostgresLocation(parsing: url)
  let suffix = "\(getpid())"
  let database = "fd_roundtrip_\(suffix)"
  let names = ["fdrt_req_\(suffix)", "fdrt_appr_a_\(suffix)", "fdrt_appr_b_\(suffix)"]
  let adminRunner = try PostgresTransactionRunner(location: admin, poolSize: 1)
  try adminRunner.executeOutsideTransaction("CREATE DATABASE \(database)")
  var location = admin
  location.database = database
  let open = StoreOpenOptions(clock: clock)
  let owner = try PostgresStoreBackend().create(
    at: StoreLocation(parsing: location.description), options: open, actor: OperatorIdentity(name: "admin"))
  let setup = try PostgresTransactionRunner(location: location, poolSize: 1)
  defer { setup.close() }
  var passwords: [String] = []
  try setup.write { session in
    for statement in PostgresTeamRoles.statements(database: database) { try session.execute(statement) }
    for (name, role) in zip(names, ["flightdeck_operator", "flightdeck_approver", "flightdeck_approver"]) {
      let password = UUID().uuidString
      passwords.append("\(admin.host):\(admin.port):*:\(name):\(password)")
      try session.execute("CREATE ROLE \(name) LOGIN PASSWORD '\(password)'")
      try session.execute("GRANT \(role) TO \(name)")
    }
  }
  let passfile = FileManager.default.temporaryDirectory.appendingPathComponent(
    "fd-roundtrip-\(suffix).pgpass"
  )
  .path
  try (passwords.joined(separator: "\n") + "\n").write(toFile: passfile, atomically: true, encoding: .utf8)
  chmod(passfile, 0o600)
  func store(_ user: String) throws -> any RegistryStore {
    var login = location
    login.user = user
    login.passwordFile = passfile
    return try PostgresStoreBackend().open(at: StoreLocation(parsing: login.description), options: open)
  }
  let clients = try (0..<options.clients).map { _ in
    (try store(names[0]), try store(names[1]), try store(names[2]))
  }
  return Bench(name: "PostgreSQL", owner: owner, clients: clients) {
    try? adminRunner.executeOutsideTransaction("DROP DATABASE IF EXISTS \(database) WITH (FORCE)")
    for name in names { try? adminRunner.executeOutsideTransaction("DROP ROLE IF EXISTS \(name)") }
    adminRunner.close()
    try? FileManager.default.removeItem(atPath: passfile)
  }
}

/// Runs the rounds on `bench` and prints its report; returns whether every check passed.
func run(_ bench: Bench, _ options: Options) throws -> Bool {
  let admin = OperatorIdentity(name: "admin", roles: ["release-manager"])
  for c in 0..<options.clients {
    _ = try bench.owner.perform(
      .registerArtefact(name: "bench-\(c)", kind: .model, owner: "bench", riskTier: .high, description: ""),
      as: admin)
    for r in 1...options.rounds {
      _ = try bench.owner.perform(
        .registerVersion(artefact: "bench-\(c)", label: "v\(r)", source: nil, tags: [:], description: ""),
        as: admin)
    }
  }
  let baseline = try bench.owner.auditEntries(since: nil).count
  // Every store opens its connection before the clock starts (PostgreSQL connects lazily).
  for stores in bench.clients {
    for store in [stores.requester, stores.a, stores.b] { _ = try store.changeToken() }
  }
  let results = Results()
  let group = DispatchGroup()
  let loadBefore = loadAverage()
  let start = DispatchTime.now().uptimeNanoseconds
  for (c, stores) in bench.clients.enumerated() {
    group.enter()
    let thread = Thread {
      defer { group.leave() }
      let artefact = "bench-\(c)"
      func timed<T>(_ kind: String, _ body: () throws -> T) rethrows -> T {
        let t0 = DispatchTime.now().uptimeNanoseconds
        let value = try body()
        results.record(kind, Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e6)
        return value
      }
      for r in 1...options.rounds {
        do {
          let requested = try timed("request") {
            try stores.requester.perform(
              .requestPromotion(
                artefact: artefact, version: "v\(r)", target: .production, reason: "round \(r)",
                expectedFrom: nil, override: "benchmark: gates not evaluated"),
              as: OperatorIdentity(name: "requester-\(c)"))
          }
          guard let id = requested.request?.id else { throw RegistryError(.storage, "no request") }
          let first = try timed("approve") {
            try stores.a.perform(
              .approve(requestID: id, comment: ""), as: OperatorIdentity(name: "approver-a-\(c)"))
          }
          let second = try timed("approve+apply") {
            try stores.b.perform(
              .approve(requestID: id, comment: ""), as: OperatorIdentity(name: "approver-b-\(c)"))
          }
          guard first.moves.isEmpty, second.moves.count == 1 else {
            throw RegistryError(.storage, "REQ-\(id): moves \(first.moves.count), \(second.moves.count)")
          }
          results.roundDone()
        } catch {
          results.fail("\(artefact) round \(r): \(error)")
        }
      }
    }
    thread.start()
  }
  group.wait()
  let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
  let loadAfter = loadAverage()

  let done = results.roundsDone
  let ops = 3 * done
  print(
    "\(bench.name): \(options.clients) clients × \(options.rounds) rounds: \(done) round trips (\(ops) operations) in \(String(format: "%.2f", seconds)) s = \(String(format: "%.1f", Double(ops) / seconds)) ops/s, \(String(format: "%.1f", Double(done) / seconds)) round trips/s; load average \(loadBefore) → \(loadAfter)"
  )
  print("  operation      n     p50 ms   p95 ms   p99 ms   max ms")
  for kind in ["request", "approve", "approve+apply"] {
    let s = results.samples(kind).sorted()
    print(
      "  " + kind.padding(toLength: 13, withPad: " ", startingAt: 0)
        + String(
          format: "%5d  %8.2f %8.2f %8.2f %8.2f", s.count, quantile(s, 0.5), quantile(s, 0.95),
          quantile(s, 0.99), s.last ?? .nan))
  }
  for f in results.failures.prefix(5) { print("  FAILED: \(f)") }

  // The checks: one intact chain, and the counts of what was done.
  var ok = results.failures.isEmpty
  let verification = try bench.owner.verifyAudit()
  let entries = try bench.owner.auditEntries(since: nil).count
  let applied = try bench.owner.requests(artefact: nil, states: [.applied], limit: 1_000_000).count
  var moves = 0
  var atLast = 0
  for c in 0..<options.clients {
    moves += try bench.owner.pointerHistory(artefact: "bench-\(c)", pointer: .production).count
    if try bench.owner.snapshot().artefact("bench-\(c)")?.pointers[.production] == "v\(options.rounds)" {
      atLast += 1
    }
  }
  // Entries per successful operation: request.create; request.approve; request.approve + pointer.move
  // (a round that failed part-way leaves the entries of the operations that succeeded).
  let (requested, approved) = (results.samples("request").count, results.samples("approve").count)
  let expectedEntries = requested + approved + 2 * results.samples("approve+apply").count
  let checks: [(String, Bool)] = [
    ("audit chain intact (\(verification.entriesChecked) entries)", verification.isIntact),
    (
      "audit entries \(entries - baseline) = \(requested) + \(approved) + 2 × \(done)",
      entries - baseline == expectedEntries
    ),
    ("applied requests \(applied) = \(done)", applied == done),
    ("production moves \(moves) = \(done)", moves == done),
    ("production at v\(options.rounds) on \(atLast)/\(options.clients) artefacts", atLast == options.clients),
  ]
  for (what, passed) in checks {
    print("  \(passed ? "ok" : "FAILED"): \(what)")
    ok = ok && passed
  }
  return ok
}

let options = Options(CommandLine.arguments)
let clock = SystemClock()
var allPassed = true
for name in options.backends {
  do {
    let bench =
      try name == "postgres" ? postgresBench(options, clock: clock) : sqliteBench(options, clock: clock)
    defer { bench.cleanup() }
    allPassed = try run(bench, options) && allPassed
  } catch {
    print("\(name): \(error)")
    allPassed = false
  }
}
exit(allPassed ? 0 : 1)
