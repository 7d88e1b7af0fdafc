import FlightDeckCore
import FlightDeckTestSupport
import Foundation
import Testing

/// Two ``SQLiteRegistryStore`` instances on one file, each with its own
/// connections, stand in for two FlightDeck processes (SQLite locks the file
/// the same way for connections of one process as for two).
@Suite struct SQLiteRegistryConcurrencyTests {
  typealias F = RegistryFixture
  let clock = TestClock()
  let scratch = RegistryScratch()

  func twoStores() throws -> (SQLiteRegistryStore, SQLiteRegistryStore) {
    let ws = RegistryWorkspace(directory: try scratch.directory())
    let a = try ws.createSQLite(clock: clock, actor: F.alice)
    try F.seed(a, clock: clock)
    return (a, try ws.openSQLite(clock: clock))
  }

  @Test func secondOperatorSeesTheFirstOnesCommitAndIsRefused() throws {
    let (a, b) = try twoStores()
    let req = try #require(
      try a.perform(
        .requestPromotion(
          artefact: "support-bot", version: "v13", target: .production, reason: "r",
          expectedFrom: .some("v12"), override: F.gatesNotUnderTest),
        as: F.alice
      ).request)
    // Both screens show the pending request.
    #expect(try a.snapshot().openRequests(artefact: "support-bot").map(\.id) == [req.id])
    #expect(try b.snapshot().openRequests(artefact: "support-bot").map(\.id) == [req.id])
    let seenByB = try b.changeToken()
    #expect(seenByB == 14)  // workspace.init + 12 seeded + the request

    _ = try a.perform(.approve(requestID: req.id, comment: ""), as: F.bob)
    _ = try a.perform(.approve(requestID: req.id, comment: ""), as: F.carol)
    #expect(try b.changeToken() == 17)
    #expect(try b.changeToken() == a.changeToken())

    try F.expectRefusal(b, .approve(requestID: req.id, comment: ""), as: F.dave, .requestClosed(.applied))
    let msg = try F.expectRefusal(
      b,
      .requestPromotion(
        artefact: "support-bot", version: "v11", target: .production, reason: "r", expectedFrom: .some("v12"),
        override: F.gatesNotUnderTest),
      as: F.dave, .changedSinceYouLooked)
    #expect(msg.hasPrefix("support-bot production is now v13 (moved by carol at "))
    #expect(try b.snapshot().artefact("support-bot")?.pointers[.production] == "v13")
  }

  /// 4 threads × 50 operations (requests, approvals, rollbacks, canary
  /// weights) across two stores on one file: every refusal is a clean
  /// refusal, the chain verifies, and every pointer move has its audit entry
  /// in the same order.
  @Test func hammerKeepsTheChainAndTheMovesConsistent() throws {
    let (a, b) = try twoStores()
    _ = try a.perform(
      .requestPromotion(
        artefact: "support-bot", version: "v13", target: .canary, reason: "c", expectedFrom: nil),
      as: F.bob)
    let failures = ThreadFailures()
    DispatchQueue.concurrentPerform(iterations: 4) { thread in
      let store = thread % 2 == 0 ? a : b
      var rng = UInt64(thread + 1) &* 0x9E37_79B9_7F4A_7C15
      for _ in 0..<50 {
        rng = rng &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        let pick = Int(truncatingIfNeeded: rng >> 33)
        let version = ["v11", "v12", "v13"][pick % 3]
        do {
          switch pick % 4 {
          case 0:
            _ = try store.perform(
              .requestPromotion(
                artefact: "support-bot", version: version, target: .production, reason: "t\(thread)",
                expectedFrom: nil, override: F.gatesNotUnderTest), as: F.alice)
          case 1:
            let open = try store.requests(artefact: "support-bot", states: [.pending], limit: 1)
            if let id = open.first?.id {
              _ = try store.perform(.approve(requestID: id, comment: ""), as: pick % 8 < 4 ? F.bob : F.carol)
            }
          case 2:
            _ = try store.perform(
              .rollback(artefact: "support-bot", to: version, reason: "t\(thread)", expectedProduction: nil),
              as: F.dave)
          default:
            _ = try store.perform(
              .setCanaryWeight(artefact: "support-bot", percent: pick % 50, reason: ""), as: F.bob)
          }
        } catch let e as RegistryError {
          switch e.code {
          case .notApplicable, .alreadyExists, .duplicateDecision, .requestClosed, .fourEyes: break
          default: failures.add("\(e.code): \(e.message)")
          }
        } catch {
          failures.add("\(error)")
        }
      }
    }
    #expect(failures.all.isEmpty)
    let verification = try b.verifyAudit()
    #expect(verification.isIntact)
    let entries = try a.auditEntries(since: nil)
    #expect(entries.map(\.sequence) == Array(1...Int64(entries.count)))
    #expect(Int64(entries.count) == (try b.changeToken()))
    let moves = try a.pointerHistory(artefact: "support-bot", pointer: nil)
    let moveEntries = entries.filter { $0.action == .pointerMove || $0.action == .rollback }
    #expect(moves.count == moveEntries.count)
    #expect(moves.count > 4)
    func version(_ json: String?) -> String? {
      guard let data = json?.data(using: .utf8),
        let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
      else { return nil }
      return object["version"] as? String
    }
    #expect(moves.map(\.toVersion) == moveEntries.map { version($0.after) })
    #expect(moves.map { "\($0.artefact):\($0.pointer)" } == moveEntries.map(\.subject))
  }
}
