import FlightDeckCore
import FuzzSupport

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Fuzzes the OTLP/protobuf trace request decoder (``OTLPProtobufDecoder``)
/// with the input as a whole request body, as the OTLP/HTTP receiver will
/// feed it. A crash, a hang or runaway memory is a finding; so is a result
/// that breaks the decoder's contract: a refused body whose error has no
/// reason or an offset outside the body, or a decoded body with a record
/// outside ``TelemetryBounds``, token parts larger than their totals, or a
/// rejected span without a field path and reason.
let prices = (try? PriceTable.bundled()) ?? PriceTable(prices: [:])
let decoder = OTLPProtobufDecoder(prices: prices)

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  let empty: UInt8 = 0
  return withUnsafePointer(to: empty) { fallback in run(data ?? fallback, data == nil ? 0 : size) }
}

func run(_ bytes: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let body = UnsafeRawBufferPointer(start: bytes, count: size)
  let result: TelemetryDecodeResult
  do {
    result = try decoder.decode(body)
  } catch {
    guard !error.reason.isEmpty, error.offset >= 0, error.offset <= size else {
      fuzzReport("FuzzOTLPProtobuf: bad error \(error) for a \(size)-byte body\n")
      abort()
    }
    return 0
  }
  for r in result.records {
    guard r.latencyMs >= 0, r.latencyMs <= TelemetryBounds.maxMilliseconds,
      r.inputTokens >= 0, r.inputTokens <= TelemetryBounds.maxTokens,
      r.outputTokens >= 0, r.outputTokens <= TelemetryBounds.maxTokens,
      r.cacheReadTokens + r.cacheWriteTokens <= r.inputTokens, r.reasoningTokens <= r.outputTokens,
      !r.artefact.isEmpty, !r.version.isEmpty, r.requestID.utf8.count == 48,
      r.costUSD.map({ $0.isFinite && $0 >= 0 }) ?? true
    else {
      fuzzReport("FuzzOTLPProtobuf: record breaks the contract: \(r)\n")
      abort()
    }
  }
  for e in result.errors {
    guard !e.reason.isEmpty, let field = e.field, field.hasPrefix("resource_spans[") else {
      fuzzReport("FuzzOTLPProtobuf: bad span error \(e)\n")
      abort()
    }
  }
  return 0
}

/// The executable's entry point (SwiftPM links `main` to
/// `FuzzOTLPProtobuf_main`): libFuzzer's driver, with ``fuzz(_:_:)`` as the
/// function under test.
@_cdecl("FuzzOTLPProtobuf_main")
public func entry(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
  FuzzDriver.run(argc: argc, argv: argv, fuzz)
}
