import Dispatch
import FlightDeckTestSupport
import Foundation
import Testing

/// The test helpers that keep a hung child or a blocking test from stopping
/// the run: ``ChildProcess`` waits with deadlines; ``DedicatedThreadExecutor``
/// runs a blocking body on its own queue, in the test's own context.
@Suite struct TestSupportTests {
  @Test func aBlockingBodyRunsOnItsOwnQueueAndReportsToItsTest() async throws {
    let executor = DedicatedThreadExecutor(label: "test-support-probe")
    let key = DispatchSpecificKey<Int>()
    executor.queue.setSpecific(key: key, value: 7)
    #expect(DispatchQueue.getSpecific(key: key) == nil)
    let onQueue = try await executor.run { () -> Int? in
      // The test's task-local context came along: this test is current.
      #expect(Test.current?.name.hasPrefix("aBlockingBodyRunsOnItsOwnQueue") == true)
      return DispatchQueue.getSpecific(key: key)
    }
    #expect(onQueue == 7)
  }

  @Test func aServersTaskAndItsChildTasksRunOnTheServersQueue() async throws {
    let key = DispatchSpecificKey<Int>()
    DedicatedThreadExecutor.servers.queue.setSpecific(key: key, value: 11)
    let seen = await withTaskGroup(of: [Int?].self) { group in
      group.addTask(executorPreference: DedicatedThreadExecutor.servers) {
        // A structured child of the server's task (a connection's handler) inherits the preference.
        await withTaskGroup(of: Int?.self) { inner in
          inner.addTask { DispatchQueue.getSpecific(key: key) }
          var values = [DispatchQueue.getSpecific(key: key)]
          for await v in inner { values.append(v) }
          return values
        }
      }
      return await group.next() ?? []
    }
    #expect(seen == [11, 11])
  }

  /// A server's `Task.sleep` on the executor still sleeps (the slow webhook
  /// of HTTPNotificationTransportTests answers after it): never less than asked.
  @Test func aSleepOnTheServersExecutorLastsAtLeastItsDuration() async throws {
    let clock = ContinuousClock()
    let elapsed = try await withTaskExecutorPreference(DedicatedThreadExecutor.servers) {
      try await withThrowingTaskGroup(of: Duration.self) { group in
        group.addTask {
          let start = clock.now
          try await Task.sleep(nanoseconds: 300_000_000)
          return clock.now - start
        }
        return try await group.next() ?? .zero
      }
    }
    #expect(elapsed >= .milliseconds(300), "\(elapsed)")
  }

  @Test func aChildThatOutlivesItsDeadlineIsKilled() throws {
    let outcome = try ChildProcess.run(URL(fileURLWithPath: "/bin/sleep"), ["30"], timeoutSeconds: 0.5)
    #expect(outcome.timedOut && outcome.signalled && outcome.status == SIGKILL)
  }

  @Test func aChildsOutputStatusAndInputComeBack() throws {
    let input = Data((0..<200_000).map { UInt8($0 % 26) + 0x61 })  // more than a pipe buffer
    let outcome = try ChildProcess.run(
      URL(fileURLWithPath: "/bin/sh"), ["-c", "cat; echo oops >&2; exit 3"], stdin: input, timeoutSeconds: 60)
    #expect(!outcome.timedOut && !outcome.signalled && outcome.status == 3)
    #expect(outcome.stdout == input)
    #expect(String(decoding: outcome.stderr, as: UTF8.self) == "oops\n")
  }
}
