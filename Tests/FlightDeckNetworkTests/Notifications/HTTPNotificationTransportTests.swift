import FlightDeckCore
import FlightDeckTestSupport
import Foundation
import Testing

@testable import FlightDeckNetwork

/// async-http-client against a real receiver on loopback: success, 500, a
/// timeout, 429 with `Retry-After` in both forms; then the sender end to end
/// through HTTP, signature checked as a receiver would.
@Suite struct HTTPNotificationTransportTests {
  func request(_ url: String, key: String = "key-1") -> NotificationRequest {
    NotificationRequest(
      url: url, headers: [("Content-Type", "application/json"), ("Idempotency-Key", key)],
      body: Array(#"{"a":"b"}"#.utf8))
  }

  @Test func answersAndFailures() async throws {
    let server = WebhookTestServer()
    try await server.run { base in
      let transport = HTTPNotificationTransport()
      let ok = await transport.send(request(base + "/ok"), timeoutMs: 5_000)
      #expect(ok.status == 200 && ok.isSuccess)
      let fail = await transport.send(request(base + "/fail"), timeoutMs: 5_000)
      #expect(fail.status == 500 && !fail.isSuccess)
      let throttled = await transport.send(request(base + "/throttle"), timeoutMs: 5_000)
      #expect(throttled.status == 429 && throttled.retryAfter == "7")
      let dated = await transport.send(request(base + "/throttle-date"), timeoutMs: 5_000)
      #expect(dated.retryAfter == "Sun, 06 Nov 1994 08:49:37 GMT")
      let slow = await transport.send(request(base + "/slow"), timeoutMs: 300)
      #expect(slow.status == nil && slow.error == "timed out after 300ms", "\(slow)")
      try await transport.shutdown()
    }
    let arrived = server.received
    #expect(arrived.map(\.path) == ["ok", "fail", "throttle", "throttle-date", "slow"])
    #expect(arrived.allSatisfy { $0.headers["idempotency-key"] == "key-1" })
    #expect(arrived.first?.body == Array(#"{"a":"b"}"#.utf8))
  }

  @Test func nothingListening() async throws {
    let transport = HTTPNotificationTransport()
    // Port 9 (discard) on loopback: nothing listens in the test sandbox.
    let refused = await transport.send(request("http://127.0.0.1:9/x"), timeoutMs: 2_000)
    #expect(refused.status == nil && refused.error != nil)
    // A port past 65535 is a failed attempt, not a trap in the client (BREAKER-14 C1).
    let unreachable = await transport.send(request("http://127.0.0.1:65536/x"), timeoutMs: 2_000)
    #expect(unreachable.status == nil && unreachable.error == "the receiver URL's port is not in 1-65535")
    try await transport.shutdown()
  }

  /// The sender over HTTP: a signed webhook reaches `/ok` (signature
  /// verified as a receiver would), `/throttle` leaves its event failed until
  /// +7 s exactly.
  @Test func senderEndToEnd() async throws {
    let server = WebhookTestServer()
    let clock = TestClock(start: Timestamp(Date()))
    let store = try SQLiteRegistryStore.inMemory(clock: clock)
    _ = try store.perform(
      .registerArtefact(name: "support-bot", kind: .agent, owner: "o", riskTier: .high, description: ""),
      as: OperatorIdentity(name: "alice"))
    _ = try store.perform(
      .registerVersion(
        artefact: "support-bot", label: "v1", source: SourceReference(kind: .git, value: "abc"), tags: [:],
        description: ""), as: OperatorIdentity(name: "alice"))
    let report = GateCheck.evaluate(policy: .standard, tier: .high, results: [])
    _ = try store.perform(
      .recordGateResults(artefact: "support-bot", version: "v1", report: report),
      as: OperatorIdentity(name: "bob"))
    let event = try #require(try store.notificationOutbox(states: nil, limit: 10).first)
    #expect(event.event.kind == .gateFailed)
    try await server.run { base in
      let transport = HTTPNotificationTransport()
      let secret = Array("s3cret".utf8)
      let config = NotificationConfiguration(
        receivers: [
          NotificationReceiver(name: "hook", kind: .webhook, url: base + "/ok", secretFile: "/unused"),
          NotificationReceiver(name: "busy", kind: .webhook, url: base + "/throttle"),
        ],
        route: NotificationRoute(
          receiver: "hook",
          routes: [
            NotificationRoute(receiver: "busy", continueMatching: true), NotificationRoute(receiver: "hook"),
          ]))
      let sender = try NotificationSender(
        store: store, configuration: config, secrets: NotificationSecrets(signing: ["hook": secret]),
        transport: transport, clock: clock, jitter: { 0 })
      _ = await sender.step()
      try await transport.shutdown()
      let signed = try #require(server.received.first { $0.path == "ok" })
      #expect(signed.headers["idempotency-key"] == event.event.key)
      let ts = try #require(Int64(signed.headers["x-flightdeck-timestamp"] ?? ""))
      #expect(ts == clock.now().millisecondsSinceEpoch / 1000)
      #expect(
        NotificationSignature.verify(
          body: signed.body, secret: secret, deliveryID: event.event.key, timestamp: ts,
          signature: signed.headers["x-flightdeck-signature"] ?? "", nowSeconds: ts))
    }
    let after = try #require(try store.notificationOutbox(states: nil, limit: 10).first)
    #expect(after.state == .failed && after.deliveredTo == ["hook"] && after.lastError == "busy: HTTP 429")
    #expect(after.nextAttemptAt == clock.now().adding(milliseconds: 7_000))
  }
}
