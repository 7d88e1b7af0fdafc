import FlightDeckCore
import FlightDeckTUI
import FlightDeckTestSupport
import Foundation
import Testing

/// Routing targets on screen (issue 15): each target's state read from a
/// real store through the store effect path (``AppEffect/loadRouting``
/// carried out by ``RegistryBridge``, as the run loop's worker does): the
/// header shows the targets not in sync, the detail view every target
/// carrying the artefact with its last digest and publish time.
@Suite struct RoutingOnScreenTests {
  let clock = TestClock(start: Timestamp(millisecondsSinceEpoch: 1_748_736_000_000))
  let alice = OperatorIdentity(name: "alice")

  /// A store where support-agent has production v3 and canary v4 at 10 %,
  /// published to a LiteLLM and a flagd target in `folder` at 00:00:05 UTC,
  /// then — with `drift` — the LiteLLM file edited by hand (v3 at 80) and
  /// read back at 00:00:06.
  func published(folder: String, drift: Bool) throws -> (SQLiteRegistryStore, RoutingConfiguration) {
    let store = try SQLiteRegistryStore.inMemory(clock: clock)
    func run(_ c: RegistryCommand) throws {
      clock.advance(milliseconds: 1_000)
      _ = try store.run(c, as: alice)
    }
    try run(
      .registerArtefact(
        name: "support-agent", kind: .agent, owner: "support", riskTier: .low, description: ""))
    for v in ["v3", "v4"] {
      try run(
        .registerVersion(
          artefact: "support-agent", label: v, source: SourceReference(kind: .git, value: "abc1234"),
          tags: [:],
          description: ""))
    }
    let override = "fixture: evaluation gates are not under test here"
    try run(
      .requestPromotion(
        artefact: "support-agent", version: "v3", target: .production, reason: "ship", expectedFrom: nil,
        override: override))
    try run(
      .requestPromotion(
        artefact: "support-agent", version: "v4", target: .canary, reason: "canary", expectedFrom: nil,
        override: override))
    _ = try store.run(.setCanaryWeight(artefact: "support-agent", percent: 10, reason: "step"), as: alice)
    let routing = RoutingConfiguration(targets: [
      RoutingTarget(name: "gateway", kind: .litellm, path: folder + "/litellm.yaml"),
      RoutingTarget(name: "flags", kind: .flagd, path: folder + "/flags.json"),
    ])
    let publisher = RoutingPublisher(store: store, configuration: routing, clock: clock)
    #expect(publisher.step().published == 1)
    if drift {
      let path = folder + "/litellm.yaml"
      let text = try String(contentsOfFile: path, encoding: .utf8)
      try text.replacingOccurrences(of: "weight: 90", with: "weight: 80").write(
        toFile: path, atomically: true, encoding: .utf8)
      clock.advance(milliseconds: 1_000)
      _ = try publisher.check()
    }
    return (store, routing)
  }

  func folder() throws -> String {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("fd-routing-screen-\(UUID())")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url.path
  }

  func driver(_ store: SQLiteRegistryStore, _ routing: RoutingConfiguration, width: Int, height: Int)
    -> AppDriver
  {
    var state = AppState()
    state.focus = .alerts
    let d = AppDriver(width: width, height: height, state: state)
    d.apply(snapshot: IncidentFixture.snapshot(alerts: false))
    let desk = ReleaseDesk(store: store, identity: alice, clock: clock)
    desk.routing = routing
    d.releaseDesk = desk
    #expect(d.apply(.controllerLease(nil, readAt: clock.now())) == [.loadNotificationDelivery, .loadRouting])
    return d
  }

  @Test func theHeaderTextCountsAndNamesTheWorstTarget() {
    let t = RoutingTarget(name: "gateway", kind: .litellm, path: "/x")
    let f = RoutingTarget(name: "flags", kind: .flagd, path: "/y")
    let lines = [
      RoutingStatus(target: f, condition: .outOfDate, digest: nil, detail: "never published"),
      RoutingStatus(
        target: t, condition: .drifted, digest: "ab", detail: "support-bot v12: the file says 80 %"),
    ]
    #expect(
      HeaderPane.routingText(lines, compact: false)
        == "routing: 1 drifted, 1 out of date (gateway: support-bot v12: the file says …)")
    #expect(HeaderPane.routingText(lines, compact: true) == "ROUTE 1 drift 1 late")
    #expect(
      HeaderPane.routing(lines, width: 200, used: 6)?.style == CellStyle(.critical, bold: true, reverse: true)
    )
    // Out of date alone is a warning; all in sync, or never read, shows nothing.
    #expect(
      HeaderPane.routing([lines[0]], width: 200, used: 6)?.style
        == CellStyle(.warn, bold: true, reverse: true))
    #expect(
      HeaderPane.routingText(
        [RoutingStatus(target: t, condition: .inSync, digest: "ab", detail: nil)], compact: false)
        == nil)
    #expect(HeaderPane.routingText(nil, compact: false) == nil)
    // A hostile detail is sanitised and cut.
    let hostile = RoutingStatus(
      target: t, condition: .failing, digest: nil, detail: "x\u{1B}[31m" + String(repeating: "y", count: 100))
    let text = HeaderPane.routingText([hostile], compact: false)
    #expect(text?.contains("\u{1B}") == false)
    #expect(
      text.map { DisplayWidth.of($0) } == "routing: 1 failing (gateway: ".count
        + HeaderPane.routingDetailWidth + 1)
  }

  @Test func aDriftedTargetShowsInTheHeader200x50() throws {
    let (store, routing) = try published(folder: try folder(), drift: true)
    let d = driver(store, routing, width: 200, height: 50)
    #expect(d.state.routingStatus?.map(\.condition) == [.drifted, .inSync])
    #expect(d.frame[0].contains(" routing: 1 drifted (gateway: support-agent v3: the file says…) "))
    guard let canvas = d.backend.lastFrame else {
      Issue.record("no frame")
      return
    }
    CanvasSnapshot.assertMatches(canvas, named: "routing-drifted-200x50", includeStyles: true)
  }

  @Test func aDriftedTargetShowsCompactIn80x24() throws {
    let (store, routing) = try published(folder: try folder(), drift: true)
    let d = driver(store, routing, width: 80, height: 24)
    #expect(d.frame[0].contains(" ROUTE 1 drift "))
  }

  @Test func targetsInSyncShowNothingInTheHeader() throws {
    let (store, routing) = try published(folder: try folder(), drift: false)
    let d = driver(store, routing, width: 200, height: 50)
    #expect(d.state.routingStatus?.map(\.condition) == [.inSync, .inSync])
    #expect(!d.frame[0].contains("routing") && !d.frame[0].contains("ROUTE"))
  }

  /// The detail view lists each target carrying the artefact: state, the
  /// digest of what was published (the file's sha256, worked out here from
  /// the bytes on disk) and when (00:00:05 UTC on the test clock).
  @Test func theDetailViewListsEachTargetWithDigestAndTime() throws {
    let dir = try folder()
    let (store, routing) = try published(folder: dir, drift: true)
    let desk = ReleaseDesk(store: store, identity: alice, clock: clock)
    desk.routing = routing
    var state = AppState()
    for message in RegistryBridge.execute(.loadRouting, desk: desk) { _ = AppUpdate.update(&state, message) }
    let flags = try Data(contentsOf: URL(fileURLWithPath: dir + "/flags.json"))
    let flagsDigest = RoutingFileWriter.digest(flags)
    let lines = VersionDetailPane.routingLines("support-agent", state: state)
    #expect(
      lines.map(\.text) == [
        "route gateway (litellm): drifted, \(state.routingStatus![0].digest!.prefix(12)) published 00:00:05 — support-agent v3: the file says 80 %, FlightDeck says 90 %",
        "route flags (flagd): in sync, \(flagsDigest.prefix(12)) published 00:00:05",
      ])
    #expect(lines.map(\.style) == [CellStyle(.critical, bold: true), CellStyle(.dim)])
    #expect(VersionDetailPane.routingLines("other", state: AppState()).isEmpty)
    state.drillDown = "support-agent"
    var canvas = Canvas(width: 120, height: 10)
    VersionDetailPane.draw(
      "support-agent", into: &canvas, rect: canvas.area, snapshot: DashboardFixture.snapshot(), state: state,
      symbols: .braille)
    let rows = canvas.textRows()
    #expect(rows[2].hasPrefix("│route gateway (litellm): drifted, "))
    #expect(rows[3].hasPrefix("│route flags (flagd): in sync, \(flagsDigest.prefix(12)) published 00:00:05 "))
    #expect(rows[4].contains("version"))
  }
}
