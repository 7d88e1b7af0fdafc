import AsyncHTTPClient
import FlightDeckCore
import Foundation
import NIOCore
import NIOHTTP1

/// Sends notification requests over HTTP(S) with swift-server's
/// async-http-client: one POST per request, redirects not followed (a
/// receiver URL is configured exactly), the whole exchange bounded by the
/// attempt's timeout, at most 64 KiB of the answer read (and dropped).
///
/// Call ``shutdown()`` when done (the client owns connections).
public final class HTTPNotificationTransport: NotificationTransport {
  let client: HTTPClient

  /// A transport on the shared event loop group.
  public init() {
    var configuration = HTTPClient.Configuration(redirectConfiguration: .disallow)
    configuration.timeout = .init(connect: .seconds(10), read: .seconds(30))
    client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
  }

  /// Closes the client's connections.
  /// - Throws: the client's shutdown error (already shut down).
  public func shutdown() async throws {
    try await client.shutdown()
  }

  /// POSTs `request` (see ``NotificationTransport``): a status when the
  /// receiver answered, else the reason (refused, timed out, TLS).
  public func send(_ request: NotificationRequest, timeoutMs: Int64) async -> NotificationResponse {
    // A port the client cannot represent traps it (a URL the configuration
    // should have refused): refuse it here as a failed attempt instead.
    guard FlightDeckConfiguration.hasUsablePort(request.url) else {
      return NotificationResponse(status: nil, error: "the receiver URL's port is not in 1-65535")
    }
    var r = HTTPClientRequest(url: request.url)
    r.method = .POST
    for h in request.headers { r.headers.add(name: h.name, value: h.value) }
    r.body = .bytes(ByteBuffer(bytes: request.body))
    do {
      let response = try await client.execute(r, timeout: .milliseconds(max(1, timeoutMs)))
      _ = try? await response.body.collect(upTo: 65_536)
      return NotificationResponse(
        status: Int(response.status.code), retryAfter: response.headers.first(name: "Retry-After"))
    } catch let e as HTTPClientError where e == .deadlineExceeded || e == .readTimeout || e == .connectTimeout
    {
      return NotificationResponse(status: nil, error: "timed out after \(DurationText.format(timeoutMs))")
    } catch {
      let text = String(describing: error)
      if text.contains("Connection refused") {
        return NotificationResponse(status: nil, error: "connection refused")
      }
      return NotificationResponse(
        status: nil, error: text.count > 200 ? String(text.prefix(200)) + "…" : text)
    }
  }
}
