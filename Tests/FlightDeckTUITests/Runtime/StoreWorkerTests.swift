import Dispatch
import FlightDeckCore
import FlightDeckTUI
import FlightDeckTestSupport
import Testing

/// The store worker runs jobs one at a time in submission order, off the
/// submitting thread, and hands their answers back in that order.
@Suite struct StoreWorkerTests {
  @Test func aSecondCommandWaitsBehindABlockedOneAndIsNotLost() throws {
    let clock = TestClock()
    let desk = ReleaseDesk(
      store: try SQLiteRegistryStore.inMemory(clock: clock), identity: OperatorIdentity(name: "alice"),
      clock: clock)
    let worker = StoreWorker(desk: desk)
    let gate = DispatchSemaphore(value: 0)
    let started = DispatchSemaphore(value: 0)
    worker.submit { _ in
      started.signal()
      _ = gate.wait(timeout: .now() + 5)
      return StoreWorker.Answer(messages: [.status("first", until: nil)])
    }
    worker.submit { _ in StoreWorker.Answer(messages: [.status("second", until: nil)]) }
    // submit returned while the first job is held in the worker.
    #expect(started.wait(timeout: .now() + 5) == .success)
    #expect(worker.pendingJobs == 2)
    #expect(worker.takeAnswer() == nil)
    #expect(!worker.waitUntilIdle(timeoutMs: 0))
    gate.signal()
    #expect(worker.waitUntilIdle(timeoutMs: 5000))
    let texts = [worker.takeAnswer(), worker.takeAnswer(), worker.takeAnswer()].map { answer -> String? in
      guard case .status(let text, _)? = answer?.messages.first else { return nil }
      return text
    }
    #expect(texts == ["first", "second", nil])
  }
}
