import FlightDeckCore
import Logging
import ServiceLifecycle
import Testing

@testable import FlightDeckNetwork

/// The receiver as a swift-service-lifecycle `Service`: it serves inside a
/// `ServiceGroup` and returns from ``OTLPReceiver/run()`` on graceful
/// shutdown.
@Suite struct OTLPReceiverLifecycleTests {
  @Test func aServiceGroupRunsItAndGracefulShutdownStopsIt() async throws {
    var logger = Logger(label: "flightdeck.otlp-receiver.test")
    logger.logLevel = .critical
    let sink = RecordingSink()
    let receiver = try OTLPReceiver(
      configuration: ReceiverHarness.configuration(), sink: sink, prices: .empty, logger: logger)
    let group = ServiceGroup(configuration: .init(services: [receiver], logger: logger))
    try await withThrowingTaskGroup(of: Void.self) { tasks in
      tasks.addTask { try await group.run() }
      let port = try await receiver.listeningPort()
      let response = try await ReceiverHarness.postProtobuf(
        port: port, OTLPTestRequest.request(spans: [OTLPTestRequest.genAISpan(3)]))
      #expect(response.status == .ok)
      await group.triggerGracefulShutdown()
      try await tasks.waitForAll()
    }
    #expect(sink.records.count == 1)
  }
}
