import Foundation
import Testing

@testable import FlightDeckCore

/// Replays the corpora the telemetry-decoder fuzz targets grew
/// (`Tests/Fixtures/fuzz/FuzzLineDecoders`, `Tests/Fixtures/fuzz/FuzzOTLPJSON`,
/// see the Benchmarks article) with the targets' own checks, so every input a
/// fuzzer found interesting stays a regression test in the normal suite.
@Suite struct DecoderFuzzCorpusTests {
  static func files(_ target: String) throws -> [URL] {
    let dir = DecodingFixtures.repoRoot.appendingPathComponent("Tests/Fixtures/fuzz/" + target)
    return try FileManager.default.contentsOfDirectory(at: dir, includingPropertiesForKeys: nil)
      .filter { !$0.lastPathComponent.hasPrefix(".") }.sorted { $0.path < $1.path }
  }

  /// As `FuzzLineDecoders`: the input up to its first newline is one line;
  /// where the scanner answers, the general decoder gives the same answer,
  /// and the line decoder gives the general one.
  @Test func lineDecoderCorpusAgrees() throws {
    let files = try Self.files("FuzzLineDecoders")
    #expect(files.count >= 40)
    var answered = 0
    for url in files {
      let bytes = Array(try Data(contentsOf: url))
      let line = Array(bytes.prefix { $0 != 0x0A })
      let g = DecoderDifferentialTests.general(line)
      let f = DecoderDifferentialTests.fast(line)
      if f != .declined {
        answered += 1
        #expect(DecoderAgreementTests.same(f, g), "\(url.lastPathComponent): scanner \(f), general \(g)")
      }
      var d = TelemetryLineDecoder(format: .flightdeck, prices: DecoderDifferentialTests.prices)
      let r = line.withUnsafeBytes { d.decode(line: $0) }
      let o: DecoderDifferentialTests.Outcome =
        r.records.count == 1
        ? .record(r.records[0]) : r.errors.count == 1 ? .malformed(r.errors[0]) : .declined
      #expect(DecoderAgreementTests.same(o, g), "\(url.lastPathComponent): line decoder \(o), general \(g)")
    }
    #expect(answered > 10)
  }

  /// As `FuzzOTLPJSON`: each file, split into lines, through an `.otlp` line
  /// decoder and `finish()`: records within the bounds, errors with a reason.
  @Test func otlpCorpusKeepsTheContract() throws {
    let files = try Self.files("FuzzOTLPJSON")
    #expect(files.count >= 20)
    var records = 0
    for url in files {
      var d = TelemetryLineDecoder(
        format: .otlp, prices: DecoderDifferentialTests.prices, maxDocumentBytes: 1 << 20)
      var results: [TelemetryDecodeResult] = []
      for line in DecodingFixtures.split(Array(try Data(contentsOf: url))) {
        results.append(line.withUnsafeBytes { d.decode(line: $0) })
      }
      if let last = d.finish() { results.append(last) }
      for r in results {
        records += r.records.count
        for rec in r.records {
          #expect(rec.latencyMs >= 0 && rec.latencyMs <= TelemetryBounds.maxMilliseconds)
          #expect(rec.cacheReadTokens + rec.cacheWriteTokens <= rec.inputTokens)
          #expect(rec.reasoningTokens <= rec.outputTokens)
          #expect(!rec.artefact.isEmpty && !rec.version.isEmpty)
          #expect(
            rec.artefact.unicodeScalars.elementsEqual(
              rec.artefact.precomposedStringWithCanonicalMapping.unicodeScalars), "names are NFC")
        }
        for e in r.errors { #expect(!e.reason.isEmpty, "\(url.lastPathComponent)") }
      }
    }
    #expect(records >= 5)
  }
}
