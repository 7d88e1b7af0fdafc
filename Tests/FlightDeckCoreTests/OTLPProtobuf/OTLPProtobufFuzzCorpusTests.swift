import Foundation
import Testing

@testable import FlightDeckCore

/// Replays the `FuzzOTLPProtobuf` corpus (`Tests/Fixtures/fuzz/FuzzOTLPProtobuf/`,
/// grown by `Benchmarks/fuzz.sh FuzzOTLPProtobuf SECONDS`) through the decoder
/// in the normal test run, with the fuzz target's contract: every input is
/// either refused with a reason and an offset within it, or decoded into
/// records within ``TelemetryBounds`` and span errors with a path and reason.
@Suite struct OTLPProtobufFuzzCorpusTests {
  @Test func everyCorpusFileIsRefusedOrDecodedWithinTheContract() throws {
    let folder = DecodingFixtures.repoRoot.appendingPathComponent("Tests/Fixtures/fuzz/FuzzOTLPProtobuf")
    let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
    #expect(names.count >= 4)
    let decoder = OTLPProtobufDecoder(prices: .default)
    var refused = 0
    var decoded = 0
    for name in names {
      let body = Array(try Data(contentsOf: folder.appendingPathComponent(name)))
      do {
        let r = try decoder.decode(body)
        decoded += 1
        for rec in r.records {
          #expect(rec.latencyMs >= 0 && rec.latencyMs <= TelemetryBounds.maxMilliseconds, "\(name)")
          #expect(rec.cacheReadTokens + rec.cacheWriteTokens <= rec.inputTokens, "\(name)")
          #expect(rec.reasoningTokens <= rec.outputTokens, "\(name)")
          #expect(rec.requestID.utf8.count == 48, "\(name)")
        }
        for e in r.errors {
          #expect(!e.reason.isEmpty && (e.field ?? "").hasPrefix("resource_spans["), "\(name): \(e)")
        }
      } catch {
        refused += 1
        #expect(!error.reason.isEmpty && error.offset >= 0 && error.offset <= body.count, "\(name): \(error)")
      }
    }
    // The seeds include two well-formed requests and two refused bodies.
    #expect(decoded >= 2 && refused >= 2)
  }
}
