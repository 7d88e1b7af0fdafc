import FlightDeckTestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import NIOSSL
import Testing

@testable import FlightDeckNetwork

/// HTTPS with a self-signed certificate made by `openssl req` for the test.
@Suite struct OTLPReceiverTLSTests {
  /// A certificate for 127.0.0.1 and its key in a fresh folder, or `nil`
  /// (after a message, or an issue under CI) without openssl.
  static func selfSigned() throws -> (certificate: String, key: String)? {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
      "flightdeck-tls-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let cert = dir.appendingPathComponent("cert.pem").path
    let key = dir.appendingPathComponent("key.pem").path
    let made = try? ChildProcess.run(
      URL(fileURLWithPath: "/usr/bin/env"),
      [
        "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert, "-days",
        "1",
        "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost",
      ], timeoutSeconds: 60)
    guard made?.status == 0, made?.signalled == false, FileManager.default.fileExists(atPath: key) else {
      if ProcessInfo.processInfo.environment["CI"] == "true" {
        Issue.record("CI=true but `openssl req` could not make a test certificate")
      } else {
        print("SKIPPED OTLPReceiverTLSTests: openssl not found")
      }
      return nil
    }
    return (cert, key)
  }

  @Test func withACertificateTheReceiverSpeaksHTTPSOnly() async throws {
    guard let (cert, key) = try Self.selfSigned() else { return }
    let sink = RecordingSink()
    var configuration = ReceiverHarness.configuration()
    configuration.tlsCertificatePath = cert
    configuration.tlsPrivateKeyPath = key
    var client = TLSConfiguration.makeClientConfiguration()
    client.trustRoots = .certificates(try NIOSSLCertificate.fromPEMFile(cert))
    client.certificateVerification = .noHostnameVerification
    let tls = client
    let (secure, plain) = try await ReceiverHarness.withReceiver(configuration, sink: sink) { port in
      let secure = try await ReceiverHarness.send(
        port: port, headers: [.contentType: "application/x-protobuf"],
        body: OTLPTestRequest.request(spans: [OTLPTestRequest.genAISpan(9)]), tls: tls)
      let plain = await ReceiverHarness.raw(
        port: port, "POST /v1/traces HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n", timeout: 5)
      return (secure, plain)
    }
    #expect(secure.status == .ok)
    #expect(sink.records.count == 1)
    #expect(!plain.hasPrefix("HTTP/1.1"))
  }

  @Test func anUnreadableCertificateIsRefusedAtStart() throws {
    var configuration = ReceiverHarness.configuration()
    configuration.tlsCertificatePath = "/nonexistent/cert.pem"
    configuration.tlsPrivateKeyPath = "/nonexistent/key.pem"
    #expect(throws: OTLPReceiverError.self) {
      _ = try OTLPReceiver(configuration: configuration, sink: RecordingSink(), prices: .empty)
    }
  }
}
