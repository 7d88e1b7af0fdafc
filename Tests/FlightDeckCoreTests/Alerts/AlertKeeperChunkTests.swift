import FlightDeckCore
import FlightDeckTestSupport
import Foundation
import Synchronization
import Testing

/// A round's alert transitions are written in chunks
/// (``AlertKeeper/chunkSize``, one store command each), however many there
/// are, on both backends; and a fence that stops holding (the controller
/// lost its lease) stops the writes between two chunks.
@Suite struct AlertKeeperChunkTests {
  let clock = TestClock()

  /// `count` transitions new → nodata of distinct instances `Load{n}`.
  func transitions(_ count: Int) -> [AlertTransition] {
    (0..<count).map { n in
      var i = AlertInstance(
        ruleName: "Load\(n)", group: "load", labels: ["alertname": "Load\(n)", "severity": "ticket"])
      i.state = .nodata
      i.evaluatedAt = clock.now()
      return AlertTransition(from: nil, instance: i, at: clock.now())
    }
  }

  /// Counts its checks and holds for the first `holding` of them.
  final class CountingFence: Sendable {
    let checks = Atomic<Int>(0)
    let holding: Int
    init(holding: Int) { self.holding = holding }
    var fence: ControllerFence {
      ControllerFence { [self] in self.checks.add(1, ordering: .relaxed).newValue <= self.holding }
    }
  }

  @Test(
    "more transitions than one store command may carry are all saved, a thousand a command",
    arguments: StoreUnderTest.all)
  func moreThanTheStoreBoundAreSavedInChunks(_ backend: StoreUnderTest) throws {
    let store = try backend.make(clock: clock)
    // One more than a single command may carry (the keeper once refused the whole round).
    let count = AlertChange.maximumTransitionsPerCommand + 1
    #expect(AlertKeeper.chunkSize == 1_000)
    let fence = CountingFence(holding: .max)
    let report = AlertKeeper(configuration: AlertConfiguration(), store: store).record(
      transitions(count), while: fence.fence)
    #expect(report.problems.isEmpty)
    let stored = try store.alertInstances()
    #expect(stored.count == 10_001 && Set(stored.map(\.fingerprint)).count == 10_001)
    #expect(stored.allSatisfy { $0.state == .nodata })
    // One check before each of the 11 chunks (10 of 1,000 and one of 1).
    #expect(fence.checks.load(ordering: .relaxed) == 11)
    // A single command over the bound is still refused by the store.
    #expect(throws: RegistryError.self) {
      _ = try store.perform(.recordAlertTransitions(transitions(10_001)), as: .system(.alerting))
    }
  }

  @Test("a lease lost between two chunks: nothing more is written", arguments: StoreUnderTest.all)
  func aFenceThatStopsHoldingStopsTheWrites(_ backend: StoreUnderTest) throws {
    let store = try backend.make(clock: clock)
    let fence = CountingFence(holding: 2)
    let report = AlertKeeper(configuration: AlertConfiguration(), store: store).record(
      transitions(2_500), while: fence.fence)
    #expect(
      report.problems == ["the controller lease was lost: 500 of 2500 alert transitions not saved"])
    #expect(try store.alertInstances().count == 2_000)
  }
}
