import FlightDeckCore
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

@testable import FlightDeckNetwork

/// Bearer and Langfuse basic auth over real HTTP, and the start-up refusal
/// of a non-loopback bind without a token.
@Suite struct OTLPReceiverAuthTests {
  static let token = "s3cr3t-T0ken_for.tests"
  static let body = OTLPTestRequest.request(spans: [OTLPTestRequest.genAISpan(1)])

  @Test func withATokenEveryRequestMustCarryIt() async throws {
    let sink = RecordingSink()
    let basic = Data("pk-lf-1234:\(Self.token)".utf8).base64EncodedString()
    let wrongBasic = Data("pk-lf-1234:nope".utf8).base64EncodedString()
    let statuses = try await ReceiverHarness.withReceiver(
      ReceiverHarness.configuration(token: Self.token), sink: sink
    ) { port in
      var out: [HTTPResponse.Status] = []
      func post(_ authorization: String?, path: String = "/v1/traces") async throws -> TestClient.Response {
        var headers: HTTPFields = [:]
        if let authorization { headers[.authorization] = authorization }
        return try await ReceiverHarness.postProtobuf(
          port: port, Self.body, extraHeaders: headers, path: path)
      }
      let none = try await post(nil)
      #expect(none.headers[.wwwAuthenticate] == "Bearer realm=\"flightdeck\"")
      out.append(none.status)
      out.append(try await post("Bearer wrong").status)
      out.append(try await post("Bearer \(Self.token)x").status)
      out.append(try await post("Bearer \(Self.token)").status)
      out.append(try await post("bearer \(Self.token)").status)
      out.append(try await post("Basic \(basic)").status)  // basic only on the Langfuse path
      out.append(try await post("Basic \(basic)", path: "/api/public/otel/v1/traces").status)
      out.append(try await post("Basic \(wrongBasic)", path: "/api/public/otel/v1/traces").status)
      out.append(try await post("Bearer \(Self.token)", path: "/api/public/otel/v1/traces").status)
      return out
    }
    #expect(
      statuses == [
        .unauthorized, .unauthorized, .unauthorized, .ok, .ok, .unauthorized, .ok, .unauthorized, .ok,
      ])
    #expect(sink.records.count == 4)
  }

  /// Every log line at every level, over refused and accepted requests,
  /// is free of the token and of what a client presented.
  @Test func neitherTheTokenNorPresentedCredentialsAreLogged() async throws {
    let store = CapturingLogHandler.Store()
    let logger = Logger(label: "capture") { _ in CapturingLogHandler(store: store) }
    let guess = "guessed-credential-XYZ"
    let basic = Data("pk-lf-1:\(Self.token)".utf8).base64EncodedString()
    _ = try await ReceiverHarness.withReceiver(
      ReceiverHarness.configuration(token: Self.token), sink: RecordingSink(), logger: logger
    ) { port in
      for header in ["Bearer \(guess)", "Bearer \(Self.token)", "Basic \(basic)"] {
        _ = try await ReceiverHarness.postProtobuf(
          port: port, Self.body, extraHeaders: [.authorization: header], path: "/api/public/otel/v1/traces")
      }
      _ = try await ReceiverHarness.postProtobuf(port: port, Self.body, extraHeaders: [.authorization: guess])
    }
    let lines = store.all
    #expect(lines.contains { $0.contains("missing or wrong credentials") })
    #expect(!lines.contains { $0.contains(Self.token) || $0.contains(guess) || $0.contains(basic) })
  }

  @Test func aNonLoopbackBindWithoutATokenIsRefusedAtStart() throws {
    #expect(throws: OTLPReceiverError.nonLoopbackWithoutToken(host: "0.0.0.0")) {
      _ = try OTLPReceiver(
        configuration: OTLPReceiverConfiguration(host: "0.0.0.0"), sink: RecordingSink(), prices: .empty)
    }
    #expect(throws: OTLPReceiverError.nonLoopbackWithoutToken(host: "10.1.2.3")) {
      _ = try OTLPReceiver(
        configuration: OTLPReceiverConfiguration(host: "10.1.2.3"), sink: RecordingSink(), prices: .empty)
    }
    _ = try OTLPReceiver(
      configuration: OTLPReceiverConfiguration(host: "0.0.0.0", bearerToken: "t"), sink: RecordingSink(),
      prices: .empty)
    for loopback in ["127.0.0.1", "127.1.2.3", "::1", "localhost"] {
      #expect(OTLPReceiverConfiguration(host: loopback).bindsLoopback, "\(loopback)")
    }
    for other in ["0.0.0.0", "128.0.0.1", "127.0.0.1.example.com", "127.0.0", "::"] {
      #expect(!OTLPReceiverConfiguration(host: other).bindsLoopback, "\(other)")
    }
  }

  @Test func halfATLSConfigurationAndBadLimitsAreRefused() {
    #expect(throws: OTLPReceiverError.self) {
      try OTLPReceiverConfiguration(tlsCertificatePath: "/tmp/cert.pem").validate()
    }
    #expect(throws: OTLPReceiverError.self) {
      try OTLPReceiverConfiguration(maxBodyBytes: 10, maxInFlightBodyBytes: 29).validate()
    }
    #expect(throws: OTLPReceiverError.self) { try OTLPReceiverConfiguration(port: 70000).validate() }
    #expect(throws: Never.self) { try OTLPReceiverConfiguration().validate() }
  }
}
