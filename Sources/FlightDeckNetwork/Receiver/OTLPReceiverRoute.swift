/// The paths an ``OTLPReceiver`` answers.
enum OTLPReceiverRoute: Sendable, Hashable {
  /// `/v1/traces`, the OTLP/HTTP default traces path.
  case traces
  /// `/api/public/otel/v1/traces`, where the Langfuse SDK exports (it sends
  /// `Authorization: Basic base64(public_key:secret_key)`).
  case langfuseTraces

  /// The route for a request path (query ignored), or `nil` for any other
  /// path.
  init?(path: String) {
    switch path {
    case "/v1/traces": self = .traces
    case "/api/public/otel/v1/traces": self = .langfuseTraces
    default: return nil
    }
  }
}
