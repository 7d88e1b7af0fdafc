import FlightDeckCore
import Foundation
import Hummingbird
import Logging
import NIOCore
import NIOHTTPTypes
import Synchronization

/// Answers OTLP/HTTP trace requests: routing, authorization, media type and
/// coding checks, the in-flight bound, body limits, decoding, the sink, and
/// the response — in that order, so that every refusal before the body is
/// read costs no body memory.
final class OTLPReceiverResponder: HTTPResponder {
  typealias Context = OTLPRequestContext

  let configuration: OTLPReceiverConfiguration
  let sink: any TelemetryIngestSink
  let protobufDecoder: OTLPProtobufDecoder
  /// The OTLP/JSON decoder (byte-level, Foundation as its fallback).
  let jsonDecoder: OTLPJSONDecoder
  let authorization: OTLPAuthorization?
  let budget: InFlightBudget
  /// Told each answer (the `/metrics` request and span counters).
  let observer: (any TelemetryReceiverObserver)?
  /// One memory per receiver, so a failed span (no response model) counts
  /// against the version its artefact resolved to in an earlier request.
  let versions: Mutex<OTLPVersionMemory>
  let logger: Logger

  init(
    configuration: OTLPReceiverConfiguration, sink: any TelemetryIngestSink, mapping: OTLPAttributeMapping,
    prices: PriceTable, logger: Logger, observer: (any TelemetryReceiverObserver)? = nil
  ) {
    self.observer = observer
    self.configuration = configuration
    self.sink = sink
    self.protobufDecoder = OTLPProtobufDecoder(mapping: mapping, prices: prices)
    self.jsonDecoder = .init(mapping: mapping, prices: prices)
    self.authorization = configuration.bearerToken.map(OTLPAuthorization.init(token:))
    self.budget = InFlightBudget(
      maxRequests: configuration.maxInFlightRequests, maxBytes: configuration.maxInFlightBodyBytes)
    self.versions = Mutex(OTLPVersionMemory())
    self.logger = logger
  }

  func respond(to request: Request, context: Context) async throws -> Response {
    let expectsContinue = Self.expectsContinue(request.headers[.expect])
    var bodyRead = false
    var spans = (accepted: 0, rejected: 0)
    var response = try await respond(to: request, bodyRead: &bodyRead, spans: &spans) {
      // Every check that needs no body passed: ask for it (RFC 9110 §10.1.1).
      if expectsContinue {
        try await context.channel.writeAndFlush(HTTPResponsePart.head(HTTPResponse(status: .continue))).get()
      }
    }
    if !bodyRead
      && (expectsContinue || response.status == .unauthorized || response.status == .contentTooLarge)
    {
      // Refused before its body was read: a client waiting for 100 Continue
      // sends no body (so the connection cannot carry another request), an
      // unauthenticated one gets no more of the receiver's time, and an
      // oversized body is not worth draining. OTLPReadDeadlineHandler closes
      // the connection once this response is written.
      response.headers[.connection] = "close"
    }
    observer?.receiverAnswered(
      status: response.status.code, acceptedSpans: spans.accepted, rejectedSpans: spans.rejected)
    return response
  }

  /// `true` for `Expect: 100-continue` (case-insensitive, RFC 9110 §10.1.1).
  static func expectsContinue(_ expect: String?) -> Bool {
    expect?.trimmingCharacters(in: .whitespaces).lowercased() == "100-continue"
  }

  /// Answers `request`; `askForBody` runs once every check that needs no
  /// body passed, just before the body is read, and `bodyRead` is set then;
  /// `spans` is set on a 200 (records made durable, spans rejected).
  private func respond(
    to request: Request, bodyRead: inout Bool, spans: inout (accepted: Int, rejected: Int),
    askForBody: () async throws -> Void
  ) async throws -> Response {
    let declared = OTLPBodyEncoding(contentType: request.headers[.contentType])
    let replyEncoding = declared ?? .protobuf
    guard let route = OTLPReceiverRoute(path: request.uri.path) else {
      return failure(.notFound, code: 5, "no such path; send traces to /v1/traces", replyEncoding)
    }
    guard request.method == .post else {
      var response = failure(.methodNotAllowed, code: 12, "only POST is allowed", replyEncoding)
      response.headers[.allow] = "POST"
      return response
    }
    if let authorization,
      !authorization.accepts(request.headers[.authorization], allowBasic: route == .langfuseTraces)
    {
      logger.debug("OTLP request refused: missing or wrong credentials")
      var response = failure(.unauthorized, code: 16, "missing or wrong credentials", replyEncoding)
      response.headers[.wwwAuthenticate] =
        route == .langfuseTraces ? "Basic realm=\"flightdeck\"" : "Bearer realm=\"flightdeck\""
      return response
    }
    guard let encoding = declared else {
      return failure(
        .unsupportedMediaType, code: 3,
        "Content-Type must be application/x-protobuf or application/json", replyEncoding)
    }
    guard let coding = OTLPContentCoding(header: request.headers[.contentEncoding]) else {
      return failure(
        .unsupportedMediaType, code: 3, "Content-Encoding must be gzip or identity", encoding)
    }
    let limit = configuration.maxBodyBytes
    let declaredLength = request.headers[.contentLength].flatMap { Int($0) }.map { max(0, $0) }
    if let declaredLength, declaredLength > limit {
      return tooLarge(encoding)
    }
    // The body as sent first; a gzip body's inflated size (from its trailer)
    // once it is in, so small compressed requests do not each hold a
    // worst-case reservation.
    var reservation = declaredLength ?? limit
    guard budget.reserve(bytes: reservation) else { return busy(encoding) }
    defer { budget.release(bytes: reservation) }

    try await askForBody()
    bodyRead = true
    guard var body = try await collect(request.body, limit: limit, declaredLength: declaredLength) else {
      return tooLarge(encoding)
    }
    if coding == .gzip {
      guard let declared = OTLPContentCoding.declaredInflatedSize(body) else {
        return failure(.badRequest, code: 3, "body is not valid gzip", encoding)
      }
      // Inflating holds up to twice the output for a moment (see
      // OTLPContentCoding.inflate), plus a byte to tell a trailer that
      // understates. A trailer past the limit (a bomb, or the bytes of a
      // truncated stream) is inflated up to the limit to tell which.
      let cap = min(declared, limit)
      let extra = 2 * (cap + 1)
      guard budget.reserveMore(bytes: extra) else { return busy(encoding) }
      reservation += extra
      do throws(OTLPContentCoding.InflateError) {
        body = try OTLPContentCoding.inflate(body, limit: cap + 1)
      } catch {
        switch error {
        case .tooLarge where declared > limit: return tooLarge(encoding, inflated: true)
        case .tooLarge:
          return failure(
            .badRequest, code: 3, "gzip body inflates past the size its trailer declares", encoding)
        case .corrupt: return failure(.badRequest, code: 3, "body is not valid gzip", encoding)
        }
      }
      if body.readableBytes > limit { return tooLarge(encoding, inflated: true) }
    }
    // What decoding makes of the body (records, JSON lines, the queue's copy).
    let decoded = OTLPReceiverConfiguration.decodeReservationFactor * body.readableBytes
    guard budget.reserveMore(bytes: decoded) else { return busy(encoding) }
    reservation += decoded

    let result: TelemetryDecodeResult
    switch decode(body, encoding: encoding) {
    case .success(let r): result = r
    case .failure(let problem):
      logger.debug("OTLP request refused: undecodable body", metadata: ["reason": "\(problem.message)"])
      return failure(.badRequest, code: 3, problem.message, encoding)
    }
    // The records are all that is needed now: the body goes before the
    // wait for the sink (a write and an fsync), which is where requests in
    // flight spend most of their time.
    body = ByteBuffer()

    if !result.records.isEmpty {
      do throws(TelemetryIngestRefusal) {
        try await sink.append(result.records)
      } catch {
        switch error {
        case .behind(let seconds):
          return retry(
            .tooManyRequests, code: 8, "ingestion is behind, retry later", max(1, seconds), encoding)
        case .unavailable(let reason):
          logger.warning("OTLP telemetry sink unavailable", metadata: ["reason": "\(reason)"])
          return retry(
            .serviceUnavailable, code: 14, "telemetry store unavailable: \(reason)",
            configuration.unavailableRetryAfterSeconds, encoding)
        }
      }
    }
    let rejected = result.errors.count
    spans = (result.records.count, rejected)
    return Response(
      status: .ok, headers: [.contentType: encoding.mediaType],
      body: .init(
        byteBuffer: OTLPResponseBody.export(
          rejectedSpans: rejected, message: Self.partialSuccessMessage(result.errors), encoding: encoding)))
  }

  /// `N span(s) rejected: FIELD: REASON; …` naming the first three problems.
  static func partialSuccessMessage(_ errors: [TelemetryDecodeError]) -> String {
    guard !errors.isEmpty else { return "" }
    let shown = errors.prefix(3).map { e in
      OTLPResponseBody.bounded(String(e.description.prefix(200)))
    }
    let more = errors.count > 3 ? " (and \(errors.count - 3) more)" : ""
    return "\(errors.count) span\(errors.count == 1 ? "" : "s") rejected: "
      + shown.joined(separator: "; ") + more
  }

  /// The body, or `nil` as soon as it passes `limit` bytes (the rest is left
  /// for the server to discard).
  /// With a declared length the buffer is allocated once at that size, not
  /// grown by doubling (a 4.9 MB body would otherwise end in an 8 MiB
  /// buffer, after copies through 4 MiB).
  private func collect(_ body: RequestBody, limit: Int, declaredLength: Int?) async throws -> ByteBuffer? {
    var buffer = ByteBufferAllocator().buffer(capacity: min(declaredLength ?? 0, limit))
    for try await var chunk in body {
      guard chunk.readableBytes <= limit - buffer.readableBytes else { return nil }
      buffer.writeBuffer(&chunk)
    }
    return buffer
  }

  /// Why a body could not be decoded at all (→ 400).
  struct Undecodable: Error {
    var message: String
  }

  private func decode(_ body: ByteBuffer, encoding: OTLPBodyEncoding) -> Result<
    TelemetryDecodeResult, Undecodable
  > {
    body.withUnsafeReadableBytes { raw in
      versions.withLock { memory in
        switch encoding {
        case .protobuf:
          do throws(OTLPProtobufDecodeError) {
            return .success(try protobufDecoder.decode(raw, versions: &memory))
          } catch {
            return .failure(Undecodable(message: "not an OTLP/protobuf ExportTraceServiceRequest: \(error)"))
          }
        case .json:
          // A problem above the spans (a resource or scope of the wrong
          // shape) makes the body malformed, as a protobuf field of the wrong
          // wire type does: 400, and the memory learns nothing from it.
          var learned = memory
          let result: TelemetryDecodeResult
          do throws(OTLPJSONDecodeError) {
            result = try jsonDecoder.decode(raw, versions: &learned)
          } catch {
            return .failure(Undecodable(message: "not an OTLP/JSON ExportTraceServiceRequest: \(error)"))
          }
          if let structural = result.errors.first(where: { !($0.field ?? "").contains(".spans[") }) {
            return .failure(Undecodable(message: "not an OTLP/JSON ExportTraceServiceRequest: \(structural)"))
          }
          memory = learned
          return .success(result)
        }
      }
    }
  }

  private func busy(_ encoding: OTLPBodyEncoding) -> Response {
    logger.debug("OTLP request refused: in-flight bound reached")
    return retry(
      .tooManyRequests, code: 8, "receiver busy, retry later", configuration.busyRetryAfterSeconds, encoding)
  }

  private func tooLarge(_ encoding: OTLPBodyEncoding, inflated: Bool = false) -> Response {
    failure(
      .contentTooLarge, code: 3,
      "body larger than \(configuration.maxBodyBytes) bytes" + (inflated ? " once decompressed" : ""),
      encoding)
  }

  private func retry(
    _ status: HTTPResponse.Status, code: Int, _ message: String, _ seconds: Int, _ encoding: OTLPBodyEncoding
  ) -> Response {
    var response = failure(status, code: code, message, encoding)
    response.headers[.retryAfter] = String(seconds)
    return response
  }

  private func failure(
    _ status: HTTPResponse.Status, code: Int, _ message: String, _ encoding: OTLPBodyEncoding
  ) -> Response {
    Response(
      status: status, headers: [.contentType: encoding.mediaType],
      body: .init(byteBuffer: OTLPResponseBody.status(code: code, message: message, encoding: encoding)))
  }
}
