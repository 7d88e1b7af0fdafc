import FlightDeckCore
import FlightDeckStorePostgres
import FlightDeckTestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import Testing

@testable import FlightDeckNetwork

/// The resolve API against a real ``ResolveServer`` on a free loopback
/// port, asked by a real HTTP client, over a real store.
@Suite struct ResolveServerTests {
  static let alice = OperatorIdentity(name: "alice")
  /// FIPS 180-2, appendix B.1: SHA-256("abc").
  static let abcDigest = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"

  /// `support-bot` (low risk: a promotion applies at once) with v1 (a
  /// template "abc") and v2 (git source, tags), production on v1, canary on
  /// v2 at 10 %.
  static func seeded() throws -> any RegistryStore {
    let store = try SQLiteRegistryStore.inMemory(clock: TestClock())
    try seed(store)
    return store
  }

  /// The seed of ``seeded()`` in `store`.
  static func seed(_ store: any RegistryStore) throws {
    let run = { (c: RegistryCommand) in _ = try store.run(c, as: alice) }
    try run(
      .registerArtefact(name: "support-bot", kind: .prompt, owner: "o", riskTier: .low, description: ""))
    try run(
      .registerVersion(
        artefact: "support-bot", label: "v1", source: nil, tags: ["team": "support"], description: "",
        template: "abc"))
    try run(
      .registerVersion(
        artefact: "support-bot", label: "v2", source: SourceReference(kind: .git, value: "4f1c2e9"),
        tags: ["eval": "0.93"], description: ""))
    try promote(store, "v1", to: .production)
    try promote(store, "v2", to: .canary)
    try run(.setCanaryWeight(artefact: "support-bot", percent: 10, reason: "start"))
  }

  static func promote(_ store: any RegistryStore, _ version: String, to target: PointerName) throws {
    _ = try store.perform(
      .requestPromotion(
        artefact: "support-bot", version: version, target: target, reason: "ship", expectedFrom: nil,
        override: "gates are not under test here"), as: alice)
  }

  /// Runs a server on `store` for the length of `body`, off the cooperative pool.
  static func withServer<T: Sendable>(
    _ store: any RegistryStore, token: String? = nil, maxLongPolls: Int = 8,
    pollInterval: Duration = .milliseconds(20), _ body: @escaping @Sendable (Int) async throws -> T
  ) async throws -> T {
    try await withServing(
      store, token: token, maxLongPolls: maxLongPolls, pollInterval: pollInterval
    ) { _, port in try await body(port) }
  }

  /// ``withServer(_:token:maxLongPolls:pollInterval:_:)`` handing `body` the server too.
  static func withServing<T: Sendable>(
    _ store: any RegistryStore, token: String? = nil, maxLongPolls: Int = 8,
    pollInterval: Duration = .milliseconds(20),
    _ body: @escaping @Sendable (ResolveServer, Int) async throws -> T
  ) async throws -> T {
    var quiet = Logger(label: "flightdeck.resolve.test")
    quiet.logLevel = .critical
    let server = try ResolveServer(
      listen: ReceiverListenAddress(host: "127.0.0.1", port: 0), store: store, bearerToken: token,
      pollInterval: pollInterval, maxLongPolls: maxLongPolls, logger: quiet)
    return try await withTaskExecutorPreference(DedicatedThreadExecutor.servers) {
      try await withThrowingTaskGroup(of: T?.self) { group in
        group.addTask {
          try await server.run()
          return nil
        }
        let port = try await server.listeningPort()
        let value: T
        do {
          value = try await body(server, port)
        } catch {
          group.cancelAll()
          throw error
        }
        group.cancelAll()
        return value
      }
    }
  }

  static func get(
    _ port: Int, _ path: String, method: HTTPRequest.Method = .get, headers: HTTPFields = [:]
  ) async throws -> TestClient.Response {
    try await TestClient.withClient(
      host: "127.0.0.1", port: port, configuration: .init(timeout: .seconds(90))
    ) { client in try await client.execute(TestClient.Request(path, method: method, headers: headers)) }
  }

  static func text(_ response: TestClient.Response) -> String {
    response.body.map { String(buffer: $0) } ?? ""
  }

  @Test func aPointerAnswersItsVersionSourceTemplateHashAndTags() async throws {
    let store = try Self.seeded()
    try await Self.withServer(store) { port in
      let production = try await Self.get(port, "/v1/artefacts/support-bot/pointers/production")
      #expect(production.status == .ok)
      #expect(production.headers[.contentType] == "application/json")
      // Worked out by hand from the seed: canonical JSON, members sorted.
      let expected =
        #"{"artefact":"support-bot","moved_at":"2025-06-01T00:00:00.000Z","moved_by":"alice","pointer":"production","pointers":["production"],"rolled_back_at":null,"source":"sha256:\#(Self.abcDigest)","tags":{"team":"support"},"template_sha256":"\#(Self.abcDigest)","version":"v1"}"#
      #expect(Self.text(production) == expected)
      let canary = try await Self.get(port, "/v1/artefacts/support-bot/pointers/canary")
      #expect(
        Self.text(canary).contains(
          #""source":"git:4f1c2e9","tags":{"eval":"0.93"},"template_sha256":null,"version":"v2""#))
      let routing = try await Self.get(port, "/v1/artefacts/support-bot/routing")
      #expect(
        Self.text(routing)
          == #"{"artefact":"support-bot","canary":"v2","canary_weight":10,"pointers":{"canary":"v2","production":"v1"},"shadow":null,"shadow_percent":0,"split":[{"version":"v1","weight":90},{"version":"v2","weight":10}],"stable":"v1","stable_weight":90}"#
      )
      let template = try await Self.get(port, "/v1/artefacts/support-bot/versions/v1/template")
      #expect(
        Self.text(template)
          == #"{"artefact":"support-bot","sha256":"\#(Self.abcDigest)","template":"abc","version":"v1"}"#)
    }
  }

  @Test func unknownNamesAndBadParametersAreRefused() async throws {
    let store = try Self.seeded()
    try await Self.withServer(store) { port in
      func check(_ path: String, _ status: HTTPResponse.Status, _ error: String? = nil) async throws {
        let r = try await Self.get(port, path)
        #expect(r.status == status, "\(path)")
        if let error { #expect(Self.text(r) == #"{"error":"\#(error)"}"#, "\(path)") }
        if status != .ok { #expect(r.headers[.eTag] == nil) }
      }
      try await check("/v1/artefacts/nobody/routing", .notFound, "no artefact named \\\"nobody\\\"")
      try await check(
        "/v1/artefacts/support-bot/pointers/shadow", .notFound, "support-bot has no shadow pointer")
      try await check(
        "/v1/artefacts/support-bot/versions/v9/template", .notFound, "support-bot has no version v9")
      try await check(
        "/v1/artefacts/support-bot/versions/v2/template", .notFound,
        "support-bot v2 was registered without a template")
      try await check("/v2/anything", .notFound)
      try await check("/v1/artefacts/support-bot", .notFound)
      // Hostile names: traversal, an encoded NUL, encoded slashes, bad encoding, very long.
      try await check("/v1/artefacts/../../etc/passwd/routing", .badRequest)
      try await check("/v1/artefacts/%2e%2e%2fetc/routing", .badRequest)
      try await check("/v1/artefacts/support-bot%00/routing", .badRequest)
      try await check("/v1/artefacts/support%ZZbot/routing", .badRequest)
      try await check("/v1/artefacts/support-bot/pointers/prod%00uction", .badRequest)
      try await check("/v1/artefacts/support-bot/versions/..%2F..%2Fv1/template", .badRequest)
      try await check("/v1/artefacts/" + String(repeating: "a", count: 129) + "/routing", .badRequest)
      try await check(
        "/v1/artefacts/" + String(repeating: "a", count: 2000) + "/routing", .badRequest,
        "the path is longer than 1024 bytes")
      // A name with a slash, as segments or encoded: looked up, not found.
      try await check("/v1/artefacts/team/bot/routing", .notFound, "no artefact named \\\"team/bot\\\"")
      try await check("/v1/artefacts/team%2Fbot/routing", .notFound, "no artefact named \\\"team/bot\\\"")
      // Bad waits.
      try await check("/v1/artefacts/support-bot/routing?wait=61s", .badRequest)
      try await check("/v1/artefacts/support-bot/routing?wait=soon", .badRequest)
      try await check("/v1/artefacts/support-bot/routing?wait=-1s", .badRequest)
      // Read-only.
      for method in [HTTPRequest.Method.post, .put, .delete, .patch] {
        let r = try await Self.get(port, "/v1/artefacts/support-bot/routing", method: method)
        #expect(r.status == .methodNotAllowed)
        #expect(r.headers[.allow] == "GET")
      }
    }
  }

  @Test func anUnchangedAnswerIs304AndAChangedOneIsNot() async throws {
    let store = try Self.seeded()
    try await Self.withServer(store) { port in
      let path = "/v1/artefacts/support-bot/routing"
      let first = try await Self.get(port, path)
      let tag = try #require(first.headers[.eTag])
      // The strong tag: the first 128 bits of SHA-256 of the body, quoted.
      #expect(tag.count == 34 && tag.hasPrefix("\"") && !tag.hasPrefix("W/"))
      let again = try await Self.get(port, path, headers: [.ifNoneMatch: tag])
      #expect(again.status == .notModified)
      #expect((again.body?.readableBytes ?? 0) == 0)
      #expect(again.headers[.eTag] == tag)
      #expect(
        try await Self.get(port, path, headers: [.ifNoneMatch: "\"x\", W/\(tag)"]).status == .notModified)
      #expect(try await Self.get(port, path, headers: [.ifNoneMatch: "*"]).status == .notModified)
      #expect(try await Self.get(port, path, headers: [.ifNoneMatch: "\"other\""]).status == .ok)
      // wait= with a tag that no longer matches answers at once with the new state.
      let stale = try await Self.get(port, path + "?wait=60s", headers: [.ifNoneMatch: "\"other\""])
      #expect(stale.status == .ok)
      #expect(stale.headers[.eTag] == tag)
    }
  }

  /// A long poll held with the current tag answers the new state once a
  /// promotion is made through the store, well before its 60 s.
  @Test func aLongPollAnswersAPromotion() async throws {
    let store = try Self.seeded()
    try await Self.withServer(store) { port in
      let path = "/v1/artefacts/support-bot/pointers/production"
      let tag = try #require(try await Self.get(port, path).headers[.eTag])
      async let polled = Self.get(port, path + "?wait=60s", headers: [.ifNoneMatch: tag])
      // Promote after the poll is parked (waiting a little, but not asserting time).
      try await Task.sleep(for: .milliseconds(300))
      try Self.promote(store, "v2", to: .production)
      let answer = try await polled
      #expect(answer.status == .ok)
      #expect(Self.text(answer).contains(#""version":"v2""#))
      #expect(answer.headers[.eTag] != tag)
    }
  }

  /// A change elsewhere (another artefact) wakes the poll, which goes back
  /// to waiting; at the end of `wait` it answers 304.
  @Test func aLongPollEndsIn304WhenNothingChanged() async throws {
    let store = try Self.seeded()
    try await Self.withServer(store) { port in
      let path = "/v1/artefacts/support-bot/routing"
      let tag = try #require(try await Self.get(port, path).headers[.eTag])
      async let polled = Self.get(port, path + "?wait=1s", headers: [.ifNoneMatch: tag])
      _ = try store.run(
        .registerArtefact(name: "other", kind: .model, owner: "", riskTier: .low, description: ""),
        as: Self.alice)
      let answer = try await polled
      #expect(answer.status == .notModified)
      #expect(answer.headers[.eTag] == tag)
    }
  }

  /// One long poll more than `maxLongPolls` is answered 503 with
  /// `Retry-After: 1` while the first is parked; the parked one still
  /// answers the change that wakes it. The second request is sent only
  /// once the server counts the first as parked (no sleep to guess it).
  @Test func longPollsAreBounded() async throws {
    let store = try Self.seeded()
    try await Self.withServing(store, maxLongPolls: 1) { server, port in
      let path = "/v1/artefacts/support-bot/routing"
      let tag = try #require(try await Self.get(port, path).headers[.eTag])
      async let held = Self.get(port, path + "?wait=60s", headers: [.ifNoneMatch: tag])
      var polls = 0
      while server.longPollsHeld == 0 && polls < 3_000 {
        try await Task.sleep(for: .milliseconds(10))
        polls += 1
      }
      try #require(server.longPollsHeld == 1, "the first long poll was never parked")
      let refused = try await Self.get(port, path + "?wait=2s", headers: [.ifNoneMatch: tag])
      #expect(refused.status == .serviceUnavailable)
      #expect(refused.headers[.retryAfter] == "1")
      _ = try store.run(
        .setCanaryWeight(artefact: "support-bot", percent: 20, reason: "wake the poll"), as: Self.alice)
      let answer = try await held
      #expect(answer.status == .ok)
      #expect(Self.text(answer).contains(#""canary_weight":20"#))
      #expect(answer.headers[.eTag] != tag)
    }
  }

  @Test func aTokenIsRequiredWhenGivenAndBeyondLoopback() async throws {
    let store = try Self.seeded()
    #expect(throws: OTLPReceiverError.self) {
      _ = try ResolveServer(
        listen: ReceiverListenAddress(host: "0.0.0.0", port: 0), store: store, bearerToken: nil)
    }
    try await Self.withServer(store, token: "s3cret") { port in
      let path = "/v1/artefacts/support-bot/routing"
      let none = try await Self.get(port, path)
      #expect(none.status == .unauthorized)
      #expect(none.headers[.wwwAuthenticate] == "Bearer realm=\"flightdeck\"")
      #expect(
        try await Self.get(port, path, headers: [.authorization: "Bearer wrong"]).status == .unauthorized)
      #expect(try await Self.get(port, path, headers: [.authorization: "Bearer s3cret"]).status == .ok)
    }
  }

  /// Differential: the API answers what `flightdeck registry show --json`
  /// prints for the same store (a workspace on disk, read by the binary).
  @Test func answersEqualWhatTheCLIPrints() async throws {
    guard let binary = FlightDeckBinary.url else {
      if ProcessInfo.processInfo.environment["CI"] == "true" {
        Issue.record("the flightdeck binary is missing: swift build --build-tests first")
      }
      return
    }
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("fd-resolve-\(UUID().uuidString)")
      .path
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let workspace = RegistryWorkspace(directory: dir + "/ws")
    let store = try workspace.create(clock: SystemClock(), actor: Self.alice)
    try Self.seed(store)
    let shown = try await DedicatedThreadExecutor.run("registry show") {
      try ChildProcess.run(
        binary, ["registry", "show", "support-bot", "--json", "--workspace", dir + "/ws"], timeoutSeconds: 60)
    }
    #expect(shown.status == 0, "\(String(decoding: shown.stderr, as: UTF8.self))")
    let cli = try #require(try JSONSerialization.jsonObject(with: shown.stdout) as? [String: Any])
    let artefact = try #require(cli["artefact"] as? [String: Any])
    let versions = try #require(cli["versions"] as? [[String: Any]])
    let pointers = try #require(cli["pointers"] as? [String: [String: Any]])
    let names = Array(pointers.keys)
    // The API's answers (bodies by path), compared with the CLI's below.
    let answers: [String: String] = try await Self.withServer(store) { port in
      var out: [String: String] = [:]
      for path in names.map({ "/v1/artefacts/support-bot/pointers/\($0)" }) + [
        "/v1/artefacts/support-bot/routing"
      ] {
        out[path] = Self.text(try await Self.get(port, path))
      }
      return out
    }
    func json(_ path: String) throws -> [String: Any] {
      let body = try #require(answers[path])
      return try #require(try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any])
    }
    #expect(names.sorted() == ["canary", "production"])
    for (name, shownPointer) in pointers {
      let api = try json("/v1/artefacts/support-bot/pointers/\(name)")
      let label = try #require(shownPointer["version"] as? String)
      #expect(api["version"] as? String == label)
      #expect(api["moved_at"] as? String == shownPointer["moved_at"] as? String)
      #expect(api["moved_by"] as? String == shownPointer["moved_by"] as? String)
      let version = try #require(versions.first { $0["label"] as? String == label })
      #expect(api["source"] as? String == version["source"] as? String)
      #expect(api["tags"] as? [String: String] == version["tags"] as? [String: String])
      #expect(api["pointers"] as? [String] == version["pointers"] as? [String])
    }
    let routing = try json("/v1/artefacts/support-bot/routing")
    #expect(routing["canary_weight"] as? Int == artefact["canary_weight_percent"] as? Int)
    #expect(
      routing["pointers"] as? [String: String] == pointers.compactMapValues { $0["version"] as? String })
  }

  /// On PostgreSQL the store's change signal (`LISTEN`/`NOTIFY`) wakes the
  /// poll: the token check runs only every 30 s here, and the poll waits
  /// 20 s, so a 200 can only come from the signal.
  @Test func aLongPollWakesOnTheChangeSignal() async throws {
    guard let url = ProcessInfo.processInfo.environment["FLIGHTDECK_TEST_POSTGRES_URL"], !url.isEmpty else {
      if ProcessInfo.processInfo.environment["CI"] == "true" {
        Issue.record("CI=true but FLIGHTDECK_TEST_POSTGRES_URL is not set")
      }
      return
    }
    var location = try PostgresLocation(parsing: url)
    let name = "fd_resolve_\(UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: ""))"
    let admin = try PostgresTransactionRunner(location: location, poolSize: 1)
    try admin.executeOutsideTransaction("CREATE DATABASE \(name)")
    location.database = name
    let runner = try PostgresTransactionRunner(location: location)
    defer {
      runner.close()
      try? admin.executeOutsideTransaction("DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
      admin.close()
    }
    try PostgresMigrator.migrate(runner)
    let store = PostgresRegistryStore(runner: runner, clock: SystemClock(), actorSource: .asGiven)
    try Self.seed(store)
    try await Self.withServer(store, pollInterval: .seconds(30)) { port in
      let path = "/v1/artefacts/support-bot/pointers/production"
      let first = try await Self.get(port, path)
      #expect(Self.text(first).contains(#""version":"v1""#))
      let tag = try #require(first.headers[.eTag])
      async let polled = Self.get(port, path + "?wait=20s", headers: [.ifNoneMatch: tag])
      try await Task.sleep(for: .milliseconds(500))
      try Self.promote(store, "v2", to: .production)
      let answer = try await polled
      #expect(answer.status == .ok)
      #expect(Self.text(answer).contains(#""version":"v2""#))
    }
  }
}
