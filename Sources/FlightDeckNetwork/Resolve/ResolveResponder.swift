import FlightDeckCore
import Foundation
import Hummingbird
import Logging
import NIOCore
import Synchronization

/// Answers the resolve API's requests (<doc:ResolveAPI>) from a
/// ``ResolveStateFeed``: routing, method, authorization, parameters, the
/// answer, then `If-None-Match` and the long poll — in that order.
final class ResolveResponder: HTTPResponder {
  typealias Context = BasicRequestContext

  /// The longest long poll a client may ask for (`?wait=`), in ms.
  static let maximumWaitMs: Int64 = 60_000

  let feed: ResolveStateFeed
  let authorization: OTLPAuthorization?
  let maxLongPolls: Int
  private let longPolls = Mutex(0)
  let logger: Logger

  init(feed: ResolveStateFeed, bearerToken: String?, maxLongPolls: Int, logger: Logger) {
    self.feed = feed
    self.authorization = bearerToken.map(OTLPAuthorization.init(token:))
    self.maxLongPolls = maxLongPolls
    self.logger = logger
  }

  /// Long polls parked at this moment.
  var longPollsHeld: Int { longPolls.withLock { $0 } }

  /// What one route answers at a moment: a status and a JSON body.
  struct Answer {
    var status: HTTPResponse.Status
    var body: [UInt8]
    /// Whether the answer can change (a template's cannot).
    var mutable: Bool
  }

  func respond(to request: Request, context: Context) async throws -> Response {
    let parsed = ResolveRoute.parse(request.uri.path)
    if case .failure(.notFound) = parsed {
      return error(
        .notFound,
        "no such path; ask /v1/artefacts/{name}/pointers/{pointer}, /v1/artefacts/{name}/routing or /v1/artefacts/{name}/versions/{version}/template"
      )
    }
    guard request.method == .get else {
      var response = error(.methodNotAllowed, "the resolve API is read-only: only GET is allowed")
      response.headers[.allow] = "GET"
      return response
    }
    if let authorization, !authorization.accepts(request.headers[.authorization], allowBasic: false) {
      var response = error(.unauthorized, "missing or wrong bearer token")
      response.headers[.wwwAuthenticate] = "Bearer realm=\"flightdeck\""
      return response
    }
    let route: ResolveRoute
    switch parsed {
    case .success(let r): route = r
    case .failure(.badRequest(let message)): return error(.badRequest, message)
    case .failure(.notFound): return error(.notFound, "no such path")
    }
    var waitMs: Int64 = 0
    if let text = request.uri.queryParameters["wait"] {
      guard let ms = DurationText.milliseconds(String(text)), (0...Self.maximumWaitMs).contains(ms) else {
        return error(
          .badRequest,
          "wait=\(RegistryNames.quoted(String(text))) is not a duration from 0s to 60s (such as 30s or 500ms)"
        )
      }
      waitMs = ms
    }
    let deadline = ContinuousClock.now + .milliseconds(waitMs)
    var current = feed.current
    var answer = await self.answer(route, current.snapshot)
    var tag = ResolveEntityTag.of(answer.body)
    let conditional = request.headers[.ifNoneMatch]
    guard answer.status == .ok, ResolveEntityTag.matches(conditional, tag) else {
      return respond(answer, tag: tag)
    }
    guard waitMs > 0, answer.mutable else { return notModified(tag) }
    // The long poll: the client holds the answer already; wait for it to change.
    let admitted = longPolls.withLock { n in
      guard n < maxLongPolls else { return false }
      n += 1
      return true
    }
    guard admitted else {
      var response = error(
        .serviceUnavailable, "too many long polls at once (\(maxLongPolls)); ask again without wait or later")
      response.headers[.retryAfter] = "1"
      return response
    }
    defer { longPolls.withLock { $0 -= 1 } }
    while true {
      let remaining = deadline - ContinuousClock.now
      if remaining <= .zero || Task.isCancelled { return notModified(tag) }
      await feed.waitForChange(after: current.generation, timeout: remaining)
      if feed.isStopped { return notModified(tag) }
      let next = feed.current
      if next.generation == current.generation { continue }
      current = next
      answer = await self.answer(route, current.snapshot)
      tag = ResolveEntityTag.of(answer.body)
      if answer.status != .ok || !ResolveEntityTag.matches(conditional, tag) {
        return respond(answer, tag: tag)
      }
    }
  }

  /// The answer to `route` from `snapshot`.
  func answer(_ route: ResolveRoute, _ snapshot: RegistrySnapshot) async -> Answer {
    guard let entry = snapshot.artefact(route.artefact) else {
      return Answer(
        status: .notFound,
        body: Array(ResolveAnswer.error("no artefact named \"\(route.artefact)\"").utf8), mutable: true)
    }
    switch route {
    case .routing:
      return Answer(status: .ok, body: Array(ResolveAnswer.routing(entry).utf8), mutable: true)
    case .pointer(let artefact, let pointer):
      guard let body = ResolveAnswer.pointer(entry, pointer) else {
        return Answer(
          status: .notFound,
          body: Array(ResolveAnswer.error("\(artefact) has no \(pointer.rawValue) pointer").utf8),
          mutable: true)
      }
      return Answer(status: .ok, body: Array(body.utf8), mutable: true)
    case .template(let artefact, let version):
      guard entry.versions.contains(where: { $0.label == version }) else {
        return Answer(
          status: .notFound, body: Array(ResolveAnswer.error("\(artefact) has no version \(version)").utf8),
          mutable: true)
      }
      do {
        guard let template = try await feed.template(artefact: artefact, version: version) else {
          return Answer(
            status: .notFound,
            body: Array(ResolveAnswer.error("\(artefact) \(version) was registered without a template").utf8),
            mutable: false)
        }
        return Answer(
          status: .ok,
          body: Array(ResolveAnswer.template(artefact: artefact, version: version, template).utf8),
          mutable: false)
      } catch {
        logger.warning("resolve: reading the template of \(artefact) \(version) failed: \(error)")
        return Answer(
          status: .serviceUnavailable, body: Array(ResolveAnswer.error("the store could not be read").utf8),
          mutable: true)
      }
    }
  }

  /// `answer` as a response: JSON, with its ETag when 200.
  private func respond(_ answer: Answer, tag: String) -> Response {
    var headers: HTTPFields = [
      .contentType: "application/json", .cacheControl: "no-cache",
    ]
    if answer.status == .ok { headers[.eTag] = tag }
    return Response(
      status: answer.status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: answer.body)))
  }

  /// `304 Not Modified` with the tag (RFC 9110 §15.4.5: no body).
  private func notModified(_ tag: String) -> Response {
    Response(status: .notModified, headers: [.eTag: tag, .cacheControl: "no-cache"])
  }

  /// An error response: `{"error": message}`.
  private func error(_ status: HTTPResponse.Status, _ message: String) -> Response {
    Response(
      status: status, headers: [.contentType: "application/json"],
      body: ResponseBody(byteBuffer: ByteBuffer(string: ResolveAnswer.error(message))))
  }
}
