import FlightDeckCore
import FuzzSupport

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Differential fuzzing of the two FlightDeck line decoders: the input is one
/// line (a newline byte inside it ends the line, as the line reader would),
/// given to ``FlightDeckLineScanner`` (the fast path) and to
/// ``FlightDeckGeneralDecoder`` (the fallback). When the scanner answers
/// (record or refusal) rather than declining, the fallback must give the same
/// answer: the same record — names compared code point by code point, numbers
/// bit for bit — or the same field and reason. The line decoder the engine
/// uses (`.flightdeck`) must give the fallback's answer too. Any difference
/// traps, and libFuzzer keeps the input.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  let empty: UInt8 = 0
  return withUnsafePointer(to: empty) { fallback in run(data ?? fallback, data == nil ? 0 : size) }
}

func run(_ bytes: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  var count = 0
  while count < size, bytes[count] != 0x0A { count += 1 }
  let line = UnsafeRawBufferPointer(start: bytes, count: count)
  let prices = PriceTable(prices: [
    "gpt-4o": ModelPrice(inputPerMillion: 2.5, outputPerMillion: 10, cacheReadPerMillion: 1.25)
  ])
  let general = FlightDeckGeneralDecoder.decode(line, prices: prices)
  switch FlightDeckLineScanner.scan(line) {
  case .declined: break
  case .scanned(let scan):
    let record = scan.record(line: line, prices: prices)
    guard case .success(let other) = general else {
      disagree("scanner: record, fallback: \(general)", line)
    }
    if !same(record, other) { disagree("records differ:\n  \(record)\n  \(other)", line) }
  case .malformed(let error):
    guard case .failure(let other) = general, other == error else {
      disagree("scanner: \(error), fallback: \(general)", line)
    }
  }
  var decoder = TelemetryLineDecoder(format: .flightdeck, prices: prices)
  let result = decoder.decode(line: line)
  switch general {
  case .success(let r):
    guard result.records.count == 1, same(result.records[0], r) else {
      disagree("line decoder: \(result), fallback: record", line)
    }
  case .failure(let e):
    guard result.records.isEmpty, result.errors == [e] else {
      disagree("line decoder: \(result), fallback: \(e)", line)
    }
  }
  return 0
}

/// Equal records, with names compared code point by code point (Swift's
/// `==` on `String` is canonical equivalence) and numbers bit for bit.
func same(_ a: TelemetryRecord, _ b: TelemetryRecord) -> Bool {
  func scalars(_ s: String?) -> [UInt32]? { s.map { $0.unicodeScalars.map(\.value) } }
  func bits(_ d: Double?) -> UInt64? { d.map(\.bitPattern) }
  return a == b && scalars(a.artefact) == scalars(b.artefact) && scalars(a.version) == scalars(b.version)
    && scalars(a.requestID) == scalars(b.requestID) && scalars(a.sessionID) == scalars(b.sessionID)
    && scalars(a.errorType) == scalars(b.errorType) && scalars(a.provider) == scalars(b.provider)
    && bits(a.latencyMs) == bits(b.latencyMs) && bits(a.costUSD) == bits(b.costUSD)
    && bits(a.ttftMs) == bits(b.ttftMs) && bits(a.score) == bits(b.score)
}

func disagree(_ message: String, _ line: UnsafeRawBufferPointer) -> Never {
  let hex = line.prefix(512).map { String($0, radix: 16) }.joined(separator: " ")
  fuzzReport("FuzzLineDecoders: the decoders disagree: \(message)\n  line bytes: \(hex)\n")
  abort()
}

/// The executable's entry point (SwiftPM links `main` to `FuzzLineDecoders_main`):
/// libFuzzer's driver, with ``fuzz(_:_:)`` as the function under test.
@_cdecl("FuzzLineDecoders_main")
public func entry(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
  FuzzDriver.run(argc: argc, argv: argv, fuzz)
}
