import FlightDeckCore
import FlightDeckTestSupport
import Foundation
import Glibc
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import NIOSSL

@testable import FlightDeckNetwork

/// Runs a real ``OTLPReceiver`` on a free loopback port for the length of a
/// test, and talks HTTP to it.
enum ReceiverHarness {
  /// A configuration on 127.0.0.1, port 0.
  static func configuration(
    maxBodyBytes: Int = 1 << 20, maxInFlightRequests: Int = 16, token: String? = nil,
    host: String = "127.0.0.1"
  ) -> OTLPReceiverConfiguration {
    OTLPReceiverConfiguration(
      host: host, port: 0, maxBodyBytes: maxBodyBytes, maxInFlightRequests: maxInFlightRequests,
      maxInFlightBodyBytes: OTLPReceiverConfiguration.largestReservation(maxBodyBytes: maxBodyBytes),
      bearerToken: token)
  }

  /// Starts a receiver with `configuration` and `sink`, runs `body` with its
  /// port, then stops it.
  static func withReceiver<T: Sendable>(
    _ configuration: OTLPReceiverConfiguration = configuration(), sink: any TelemetryIngestSink,
    prices: PriceTable = .empty, logger: Logger? = nil, observer: (any TelemetryReceiverObserver)? = nil,
    _ body: @escaping @Sendable (Int) async throws -> T
  ) async throws -> T {
    var quiet = Logger(label: "flightdeck.otlp-receiver.test")
    quiet.logLevel = .critical
    let logger = logger ?? quiet
    let receiver = try OTLPReceiver(
      configuration: configuration, sink: sink, prices: prices, logger: logger, observer: observer)
    // The receiver and the test's client both off the cooperative pool
    // (DedicatedThreadExecutor.servers): neither queues behind the other tests'
    // jobs, so no read deadline passes while one of them waits for a thread.
    return try await withTaskExecutorPreference(DedicatedThreadExecutor.servers) {
      try await withThrowingTaskGroup(of: T?.self) { group in
        group.addTask {
          try await receiver.run()
          return nil
        }
        let port = try await receiver.listeningPort()
        let value: T
        do {
          value = try await body(port)
        } catch {
          group.cancelAll()
          throw error
        }
        group.cancelAll()
        return value
      }
    }
  }

  /// Sends one request with a fresh client and returns the response.
  static func send(
    port: Int, method: HTTPRequest.Method = .post, path: String = "/v1/traces", headers: HTTPFields = [:],
    body: [UInt8]? = nil, tls: TLSConfiguration? = nil
  ) async throws -> TestClient.Response {
    try await TestClient.withClient(
      host: "127.0.0.1", port: port,
      configuration: .init(
        tlsConfiguration: tls, timeout: .seconds(30), serverName: tls == nil ? nil : "localhost")
    ) { client in
      try await client.execute(
        TestClient.Request(path, method: method, headers: headers, body: body.map { ByteBuffer(bytes: $0) }))
    }
  }

  /// `POST /v1/traces` with a protobuf body.
  static func postProtobuf(
    port: Int, _ body: [UInt8], extraHeaders: HTTPFields = [:], path: String = "/v1/traces"
  ) async throws -> TestClient.Response {
    var headers: HTTPFields = [.contentType: "application/x-protobuf"]
    headers.append(contentsOf: extraHeaders)
    return try await send(port: port, path: path, headers: headers, body: body)
  }

  /// Sends raw bytes over a plain TCP connection to 127.0.0.1:`port` and
  /// returns what comes back until the server closes or `timeout` seconds
  /// pass without data. Runs on a Dispatch thread (blocking sockets).
  static func raw(port: Int, _ request: String, timeout: Int = 10) async -> String {
    await withCheckedContinuation { continuation in
      DispatchQueue.global().async {
        continuation.resume(returning: rawBlocking(port: port, Array(request.utf8), timeout: timeout))
      }
    }
  }

  private static func rawBlocking(port: Int, _ bytes: [UInt8], timeout: Int) -> String {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { return "socket failed" }
    defer { close(fd) }
    var tv = timeval(tv_sec: timeout, tv_usec: 0)
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = in_port_t(UInt16(port).bigEndian)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let connected = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
      }
    }
    guard connected == 0 else { return "connect failed" }
    _ = bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, 0) }
    var received: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 4096)
    while true {
      let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
      if n <= 0 { break }
      received += chunk[0..<n]
      // One response is enough: stop once its head and declared body are in.
      if let text = String(bytes: received, encoding: .utf8), let end = text.range(of: "\r\n\r\n") {
        let head = text[..<end.lowerBound].lowercased()
        if let line = head.split(separator: "\r\n").first(where: { $0.hasPrefix("content-length:") }),
          let length = Int(line.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)),
          text.utf8.count - text.utf8.distance(from: text.startIndex, to: end.upperBound) >= length
        {
          break
        }
      }
    }
    return String(decoding: received, as: UTF8.self)
  }
}
