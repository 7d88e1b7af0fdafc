import FlightDeckCore
import Testing

/// ``GateRecord/promotionBlockers(_:artefact:version:policy:tier:)``.
@Suite struct GatePromotionBlockerTests {
  @Test func neverRanFailedAndStaleAreBlockers() {
    #expect(
      GateRecord.promotionBlockers(nil, artefact: "bot", version: "v1", policy: .standard, tier: .low) == [
        "gates never ran for bot v1"
      ])
    // The record: pass_rate 0.75 passes its >= 0.7, accuracy missing. Under the
    // standard low policy (pass_rate >= 0.8) the pass_rate is also stale.
    let r = GateRecordTests.record()
    #expect(
      GateRecord.promotionBlockers(r, artefact: "bot", version: "v1", policy: .standard, tier: .low) == [
        "gates failed: no input provided accuracy",
        "not checked under the current gate policy: pass_rate >= 0.8",
      ])
    let ok = GateRecord(
      artefact: "bot", version: "v1", evaluatedAt: Timestamp(millisecondsSinceEpoch: 0), evaluatedBy: "ci",
      report: GateCheck.evaluate(
        policy: .standard, tier: .low, results: [GateFixtures.input("e.json", ["pass_rate": 0.8])]))
    #expect(
      GateRecord.promotionBlockers(ok, artefact: "bot", version: "v1", policy: .standard, tier: .low).isEmpty)
  }
}
