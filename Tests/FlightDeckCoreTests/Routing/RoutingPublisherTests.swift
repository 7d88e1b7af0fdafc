import FlightDeckCore
import FlightDeckTestSupport
import Foundation
import Testing

/// The routing outbox and publisher on both backends: a pointer move or
/// weight change owes a publish in its own transaction; the publisher writes
/// the files and audits their sha256; a failure keeps the decision, marks
/// the target failing and retries after the backoff; a hand edit is drift.
@Suite struct RoutingPublisherTests {
  typealias F = RegistryFixture
  let clock = TestClock()

  /// A store seeded at tier low (production v11 then v12, no approvals), then
  /// canary → v13 at 10 %.
  func seeded(_ backend: StoreUnderTest) throws -> any RegistryStore {
    let store = try backend.make(clock: clock)
    try F.seed(store, clock: clock, tier: .low)
    clock.advance(milliseconds: 1_000)
    _ = try store.run(
      .requestPromotion(
        artefact: "support-bot", version: "v13", target: .canary, reason: "canary", expectedFrom: nil,
        override: F.gatesNotUnderTest), as: F.alice)
    _ = try store.run(
      .setCanaryWeight(artefact: "support-bot", percent: 10, reason: "first step"), as: F.alice)
    return store
  }

  func outbox(_ store: any RegistryStore) throws -> any RoutingOutboxStore & ArtefactStore {
    try #require(store as? any RoutingOutboxStore & ArtefactStore)
  }

  func targets(_ folder: String) -> RoutingConfiguration {
    RoutingConfiguration(
      targets: [
        RoutingTarget(name: "gateway", kind: .litellm, path: folder + "/litellm.yaml"),
        RoutingTarget(name: "flags", kind: .flagd, path: folder + "/flags.json"),
      ], retry: RoutingRetryPolicy(initialBackoffMs: 1_000, maxBackoffMs: 60_000, claimForMs: 30_000))
  }

  /// Sets support-bot's canary to 20 % (stable 80 %) by hand in the LiteLLM
  /// file FlightDeck published to `folder` at 90/10.
  /// - Returns: the file's path.
  func handEditCanaryTo20(_ folder: String) throws -> String {
    let path = folder + "/litellm.yaml"
    let edited = try String(contentsOfFile: path, encoding: .utf8)
      .replacingOccurrences(of: "weight: 90", with: "weight: 80")
      .replacingOccurrences(of: "weight: 10", with: "weight: 20")
    try edited.write(toFile: path, atomically: true, encoding: .utf8)
    return path
  }

  /// sha256 by coreutils, independently of the code under test.
  func sha256sum(_ path: String) throws -> String {
    let o = try ChildProcess.run(URL(fileURLWithPath: "/usr/bin/sha256sum"), [path], timeoutSeconds: 30)
    return String(String(decoding: o.stdout, as: UTF8.self).prefix(64))
  }

  @Test(arguments: StoreUnderTest.all) func everyRoutingChangeOwesAPublishInItsTransaction(
    _ backend: StoreUnderTest
  ) throws {
    let store = try seeded(backend)
    let routing = try outbox(store)
    // Four changes: production v11, production v12, canary v13, weight 10.
    let rows = try routing.routingOutbox()
    #expect(rows.count == 1)
    let row = try #require(rows.first)
    #expect(row.artefact == "support-bot" && row.generation == 4 && row.publishedGeneration == 0)
    #expect(row.state == .pending && row.nextAttemptAt == clock.now())
    let last = try #require(try store.auditEntries(since: nil).last)
    #expect(last.action == .canaryWeight && row.auditSequence == last.sequence)
    // A refused change owes nothing; a change that is no change (same weight) neither.
    _ = try? store.run(.setCanaryWeight(artefact: "support-bot", percent: 150, reason: "x"), as: F.alice)
    _ = try store.run(.setCanaryWeight(artefact: "support-bot", percent: 10, reason: "same"), as: F.alice)
    #expect(try routing.routingOutbox().first?.generation == 4)
  }

  @Test(arguments: StoreUnderTest.all) func publishWritesTheFilesAndAuditsTheirDigests(
    _ backend: StoreUnderTest
  )
    throws
  {
    let store = try seeded(backend)
    let folder = try F.temporaryDirectory()
    let publisher = RoutingPublisher(store: try outbox(store), configuration: targets(folder), clock: clock)
    let report = publisher.step()
    #expect(report.claimed == 1 && report.published == 1 && report.failed == 0 && report.rewritten == 2)
    #expect(report.storeErrors.isEmpty)
    let yaml = try String(contentsOfFile: folder + "/litellm.yaml", encoding: .utf8)
    #expect(yaml.contains("id: \"support-bot@v12\"") && yaml.contains("weight: 90"))
    #expect(yaml.contains("id: \"support-bot@v13\"") && yaml.contains("weight: 10"))
    let entry = try #require(try store.auditEntries(since: nil).last)
    #expect(
      entry.action == .routingPublish && entry.actor == "system:publisher" && entry.subject == "support-bot")
    let after = try #require(
      try JSONSerialization.jsonObject(with: Data((entry.after ?? "").utf8)) as? [String: Any])
    #expect(after["generation"] as? Int == 4)
    let digests = try #require(after["digests"] as? [String: String])
    #expect(digests["gateway"] == (try sha256sum(folder + "/litellm.yaml")))
    #expect(digests["flags"] == (try sha256sum(folder + "/flags.json")))
    let rows = try outbox(store).routingOutbox()
    #expect(rows.first?.state == .published && rows.first?.publishedGeneration == 4)
    let status = RoutingStatus.of(
      targets(folder), records: try outbox(store).routingTargets(), outbox: rows)
    #expect(status.map(\.condition) == [.inSync, .inSync])
    #expect(status.first?.digest == digests["gateway"])
    // Nothing due: nothing claimed. A republish of the same state rewrites nothing.
    #expect(publisher.step().claimed == 0)
    let inode = try FileManager.default.attributesOfItem(atPath: folder + "/litellm.yaml")[.systemFileNumber]
    try outbox(store).requestRoutingPublish(artefact: "support-bot", at: clock.now())
    let again = publisher.step()
    #expect(again.published == 1 && again.rewritten == 0)
    #expect(
      try FileManager.default.attributesOfItem(atPath: folder + "/litellm.yaml")[.systemFileNumber] as? Int
        == inode as? Int)
    // A weight change rewrites both files.
    _ = try store.run(.setCanaryWeight(artefact: "support-bot", percent: 25, reason: "step 2"), as: F.alice)
    #expect(publisher.step().rewritten == 2)
    #expect(try String(contentsOfFile: folder + "/litellm.yaml", encoding: .utf8).contains("weight: 75"))
    #expect(try store.auditEntries(since: nil).filter { $0.action == .routingPublish }.count == 3)
  }

  @Test(arguments: StoreUnderTest.all) func aFailedPublishKeepsTheDecisionAndRetriesAfterTheBackoff(
    _ backend: StoreUnderTest
  ) throws {
    let store = try seeded(backend)
    let folder = try F.temporaryDirectory() + "/not-yet"
    let publisher = RoutingPublisher(store: try outbox(store), configuration: targets(folder), clock: clock)
    let t0 = clock.now()
    let first = publisher.step()
    #expect(first.claimed == 1 && first.failed == 1 && first.published == 0)
    var row = try #require(try outbox(store).routingOutbox().first)
    #expect(row.state == .failed && row.attempts == 1 && row.publishedGeneration == 0)
    #expect(row.nextAttemptAt == t0.adding(milliseconds: 1_000))
    #expect(row.lastError?.contains("its folder does not exist") == true)
    // The decision stands.
    let entry = try #require(try store.snapshot().artefacts.first { $0.artefact.name == "support-bot" })
    #expect(entry.canaryWeightPercent == 10 && entry.pointers[.canary] == "v13")
    let status = RoutingStatus.of(
      targets(folder), records: try outbox(store).routingTargets(), outbox: try outbox(store).routingOutbox())
    #expect(status.map(\.condition) == [.failing, .failing])
    // Not due before the backoff; the second failure waits twice as long.
    clock.advance(milliseconds: 999)
    #expect(publisher.step().claimed == 0)
    clock.advance(milliseconds: 1)
    #expect(publisher.step().failed == 1)
    row = try #require(try outbox(store).routingOutbox().first)
    #expect(row.attempts == 2 && row.nextAttemptAt == clock.now().adding(milliseconds: 2_000))
    // The folder appears: the next attempt publishes.
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false)
    clock.advance(milliseconds: 2_000)
    let done = publisher.step()
    #expect(done.published == 1 && done.rewritten == 2)
    row = try #require(try outbox(store).routingOutbox().first)
    #expect(row.state == .published && row.attempts == 0 && row.lastError == nil)
  }

  @Test func aPublisherThatDiesMidPublishLeavesItForTheNext() throws {
    // A file store: the decision commits, the process "dies" before publishing (the claim is
    // taken and never recorded), and a publisher over the reopened store completes it once the
    // claim runs out.
    let folder = try F.temporaryDirectory()
    let path = folder + "/registry.sqlite"
    do {
      let store = try SQLiteRegistryStore.create(path: path, clock: clock, actor: F.alice)
      try F.seed(store, clock: clock, tier: .low)
      let claimed = try store.claimDueRouting(at: clock.now(), claimForMs: 30_000, limit: 10)
      #expect(claimed.map(\.artefact) == ["support-bot"])
    }
    let reopened = try SQLiteRegistryStore(path: path, clock: clock)
    let publisher = RoutingPublisher(store: reopened, configuration: targets(folder), clock: clock)
    #expect(publisher.step().claimed == 0)
    clock.advance(milliseconds: 30_000)
    let report = publisher.step()
    #expect(report.claimed == 1 && report.published == 1)
    #expect(try String(contentsOfFile: folder + "/litellm.yaml", encoding: .utf8).contains("support-bot@v12"))
  }

  @Test(arguments: StoreUnderTest.all) func aHandEditIsDriftRecordedOnceAndARepublishMendsIt(
    _ backend: StoreUnderTest
  ) throws {
    let store = try seeded(backend)
    let folder = try F.temporaryDirectory()
    let config = targets(folder)
    let publisher = RoutingPublisher(store: try outbox(store), configuration: config, clock: clock)
    #expect(publisher.step().published == 1)
    #expect(try publisher.check().map(\.condition) == [.inSync, .inSync])
    // Someone sets the canary to 20 % in the LiteLLM file by hand.
    let path = try handEditCanaryTo20(folder)
    clock.advance(milliseconds: 1_000)
    let checks = try publisher.check()
    #expect(checks.map(\.condition) == [.drifted, .inSync])
    #expect(
      checks.first?.detail
        == "support-bot v12: the file says 80 %, FlightDeck says 90 %; support-bot v13: the file says 20 %, FlightDeck says 10 %"
    )
    _ = try publisher.check()
    let drifts = try store.auditEntries(since: nil).filter { $0.action == .routingDrift }
    #expect(drifts.count == 1)
    #expect(drifts.first?.subject == "routing:gateway" && drifts.first?.actor == "system:publisher")
    let status = RoutingStatus.of(
      config, records: try outbox(store).routingTargets(), outbox: try outbox(store).routingOutbox())
    #expect(status.map(\.condition) == [.drifted, .inSync])
    // `flightdeck routing publish support-bot`.
    try outbox(store).requestRoutingPublish(artefact: "support-bot", at: clock.now())
    #expect(publisher.step().rewritten == 1)
    #expect(try publisher.check().map(\.condition) == [.inSync, .inSync])
    #expect(try String(contentsOfFile: path, encoding: .utf8).contains("weight: 90"))
  }

  /// A file carries every artefact of its target, so publishing one rewrites
  /// what a hand edit put there for another. The rewrite is allowed (the
  /// file must hold FlightDeck's decision), but it is on record: the
  /// `routing.publish` entry names each hand edit it replaced, by target.
  @Test(arguments: StoreUnderTest.all) func aPublishOfOneArtefactNamesTheHandEditOfAnotherItReplaced(
    _ backend: StoreUnderTest
  ) throws {
    let store = try seeded(backend)
    _ = try store.run(
      .registerArtefact(name: "faq-bot", kind: .prompt, owner: "support", riskTier: .low, description: ""),
      as: F.alice)
    _ = try store.run(
      .registerVersion(
        artefact: "faq-bot", label: "p1", source: SourceReference(kind: .git, value: "abc1234"), tags: [:],
        description: ""), as: F.alice)
    _ = try store.run(
      .requestPromotion(
        artefact: "faq-bot", version: "p1", target: .production, reason: "ship", expectedFrom: nil,
        override: F.gatesNotUnderTest), as: F.alice)
    let folder = try F.temporaryDirectory()
    let publisher = RoutingPublisher(store: try outbox(store), configuration: targets(folder), clock: clock)
    #expect(publisher.step().published == 2)
    // support-bot's canary goes to 20 % by hand in the LiteLLM file.
    let path = try handEditCanaryTo20(folder)
    // `flightdeck routing publish faq-bot` (faq-bot's generation 2: its production move was 1):
    // only faq-bot is published, the whole file is rewritten.
    clock.advance(milliseconds: 1_000)
    try outbox(store).requestRoutingPublish(artefact: "faq-bot", at: clock.now())
    let report = publisher.step()
    #expect(report.published == 1 && report.rewritten == 1)
    #expect(try String(contentsOfFile: path, encoding: .utf8).contains("weight: 90"))
    let entry = try #require(try store.auditEntries(since: nil).last)
    #expect(entry.action == .routingPublish && entry.subject == "faq-bot")
    let replaced =
      "support-bot v12: the file said 80 %, FlightDeck says 90 %; support-bot v13: the file said 20 %, FlightDeck says 10 %"
    #expect(
      entry.reason
        == "generation 2 published to 2 target(s); rewrote gateway; replaced a hand edit in gateway: \(replaced)"
    )
    let after = try #require(
      try JSONSerialization.jsonObject(with: Data((entry.after ?? "").utf8)) as? [String: Any])
    #expect(after["overwrote"] as? [String: String] == ["gateway": replaced])
    // A publish over a file that holds no hand edit says nothing of one.
    _ = try store.run(.setCanaryWeight(artefact: "support-bot", percent: 25, reason: "step 2"), as: F.alice)
    #expect(publisher.step().rewritten == 2)
    let next = try #require(try store.auditEntries(since: nil).last)
    #expect(next.subject == "support-bot" && !next.reason.contains("hand edit"))
    let nextAfter = try #require(
      try JSONSerialization.jsonObject(with: Data((next.after ?? "").utf8)) as? [String: Any])
    #expect(nextAfter["overwrote"] == nil)
  }
}
