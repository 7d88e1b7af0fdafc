import FlightDeckCore
import Foundation

// otlpbench REQUEST.pb REQUEST.json [RUNS [JSON_RUNS]]
//
// Decodes the same ExportTraceServiceRequest RUNS times (default 20; JSON
// JSON_RUNS times, default RUNS, 0 to leave it out, e.g. for a profile) as
// OTLP/protobuf (OTLPProtobufDecoder) and as one OTLP/JSON line
// (TelemetryLineDecoder, format otlp), with the bundled price table, and
// prints for each the median, fastest and slowest wall time of one decode,
// spans per second and MB per second at the median. When JSON runs, the two
// results must agree (records, skips, rejection reasons), or it exits 1. Write the files
// with `python3 Tests/Tools/otlp-protobuf-reference.py --bench SPANS DIR`.

let args = CommandLine.arguments
guard (3...5).contains(args.count), let runs = args.count >= 4 ? Int(args[3]) : 20, runs > 0,
  let jsonRuns = args.count == 5 ? Int(args[4]) : runs, jsonRuns >= 0
else {
  FileHandle.standardError.write(Data("usage: otlpbench REQUEST.pb REQUEST.json [RUNS [JSON_RUNS]]\n".utf8))
  exit(2)
}
let protobuf = Array(try Data(contentsOf: URL(fileURLWithPath: args[1])))
let json = Array(try Data(contentsOf: URL(fileURLWithPath: args[2]))).filter { $0 != 0x0A }
let prices = (try? PriceTable.bundled()) ?? PriceTable(prices: [:])
let decoder = OTLPProtobufDecoder(prices: prices)

func decodeJSON() -> TelemetryDecodeResult {
  var lines = TelemetryLineDecoder(format: .otlp, prices: prices, maxDocumentBytes: 1 << 30)
  return json.withUnsafeBytes { lines.decode(line: $0) }
}

let fromProtobuf = try decoder.decode(protobuf)
if jsonRuns > 0 {
  let fromJSON = decodeJSON()
  guard fromProtobuf.records == fromJSON.records, fromProtobuf.skippedSpans == fromJSON.skippedSpans,
    fromProtobuf.errors.map(\.reason) == fromJSON.errors.map(\.reason)
  else {
    print("otlpbench: the protobuf and JSON results differ")
    exit(1)
  }
}
let spans = fromProtobuf.records.count + fromProtobuf.skippedSpans + fromProtobuf.errors.count

func measure(runs: Int = runs, _ body: () throws -> TelemetryDecodeResult) rethrows -> [Double] {
  let clock = ContinuousClock()
  var seconds: [Double] = []
  for _ in 0..<runs {
    let start = clock.now
    let r = try body()
    let d = clock.now - start
    precondition(r.records.count == fromProtobuf.records.count)
    seconds.append(Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18)
  }
  return seconds.sorted()
}

func report(_ name: String, bytes: Int, _ seconds: [Double]) {
  let median = seconds[seconds.count / 2]
  let line =
    "\(name): \(bytes) bytes, median \(String(format: "%.2f", median * 1000)) ms "
    + "(min \(String(format: "%.2f", seconds[0] * 1000)), max \(String(format: "%.2f", seconds[seconds.count - 1] * 1000))), "
    + "\(Int((Double(spans) / median).rounded())) spans/s, \(String(format: "%.1f", Double(bytes) / median / 1e6)) MB/s"
  print(line)
}

print(
  "request: \(spans) spans (\(fromProtobuf.records.count) records, \(fromProtobuf.skippedSpans) skipped, "
    + "\(fromProtobuf.errors.count) rejected), \(runs) protobuf runs, \(jsonRuns) JSON runs")
report("protobuf", bytes: protobuf.count, try measure { try decoder.decode(protobuf) })
if jsonRuns > 0 { report("json    ", bytes: json.count, measure(runs: jsonRuns) { decodeJSON() }) }
