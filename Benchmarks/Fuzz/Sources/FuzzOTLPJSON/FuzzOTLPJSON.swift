import FlightDeckCore
import FuzzSupport

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Fuzzes the OTLP/JSON document decoder the way the engine feeds it: the
/// input is split into lines and given to a `.otlp` ``TelemetryLineDecoder``
/// (a multi-line document is collected, then decoded whole), then `finish()`.
/// A crash, a hang or runaway memory is a finding; so is a result that breaks
/// the decoder's contract: a record outside ``TelemetryBounds`` or with token
/// parts larger than their totals, an error without a reason, or an error
/// pointing at a line before the document's first one.
let prices = (try? PriceTable.bundled()) ?? PriceTable(prices: [:])

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  let empty: UInt8 = 0
  return withUnsafePointer(to: empty) { fallback in run(data ?? fallback, data == nil ? 0 : size) }
}

func run(_ bytes: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  var decoder = TelemetryLineDecoder(format: .otlp, prices: prices, maxDocumentBytes: 1 << 20)
  var start = 0
  var lineIndex = 0
  func check(_ result: TelemetryDecodeResult) {
    for r in result.records {
      guard r.latencyMs >= 0, r.latencyMs <= TelemetryBounds.maxMilliseconds,
        r.inputTokens >= 0, r.inputTokens <= TelemetryBounds.maxTokens,
        r.outputTokens >= 0, r.outputTokens <= TelemetryBounds.maxTokens,
        r.cacheReadTokens + r.cacheWriteTokens <= r.inputTokens, r.reasoningTokens <= r.outputTokens,
        !r.artefact.isEmpty, !r.version.isEmpty, r.costUSD.map({ $0.isFinite && $0 >= 0 }) ?? true
      else {
        fuzzReport("FuzzOTLPJSON: record breaks the contract: \(r)\n")
        abort()
      }
    }
    for e in result.errors {
      guard !e.reason.isEmpty, e.linesBeforeCurrent >= 0, e.linesBeforeCurrent <= lineIndex else {
        fuzzReport("FuzzOTLPJSON: bad error \(e) at line \(lineIndex)\n")
        abort()
      }
    }
  }
  while start <= size {
    var end = start
    while end < size, bytes[end] != 0x0A { end += 1 }
    if end == size, start == size, size > 0 { break }  // nothing after the last newline
    check(decoder.decode(line: UnsafeRawBufferPointer(start: bytes + start, count: end - start)))
    lineIndex += 1
    start = end + 1
  }
  if let last = decoder.finish() { check(last) }
  return 0
}

/// The executable's entry point (SwiftPM links `main` to `FuzzOTLPJSON_main`):
/// libFuzzer's driver, with ``fuzz(_:_:)`` as the function under test.
@_cdecl("FuzzOTLPJSON_main")
public func entry(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
  FuzzDriver.run(argc: argc, argv: argv, fuzz)
}
