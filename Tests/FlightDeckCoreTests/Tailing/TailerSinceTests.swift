import FlightDeckCore
import Foundation
import Testing

@Suite struct TailerSinceTests {
  /// Start of the generated history: 2025-06-01T00:00:00Z.
  static let t0: Int64 = 1_748_736_000_000

  /// Writes `count` lines `{"ts":"<t0 + (i-1) s>","seq":i}` for i = 1…count,
  /// and returns the file size in bytes.
  static func writeHistory(_ fx: TailFixture, _ path: String, count: Int) throws -> Int {
    var size = 0
    var batch = ""
    for i in 1...count {
      let ts = Timestamp(millisecondsSinceEpoch: t0 + Int64(i - 1) * 1000)
      batch += "{\"ts\":\"\(ts.rfc3339)\",\"seq\":\(i)}\n"
      if i % 10_000 == 0 || i == count {
        size += batch.utf8.count
        try fx.append(path, batch)
        batch = ""
      }
    }
    return size
  }

  static func seq(_ bytes: [UInt8]) -> Int? {
    let text = String(decoding: bytes, as: UTF8.self)
    guard let r = text.range(of: "\"seq\":") else { return nil }
    return Int(text[r.upperBound...].dropLast())
  }

  /// 200 000 lines one second apart; since = last − 60 s. The last line's ts
  /// is t0 + 199 999 s, so since = t0 + 199 939 s, the ts of line 199 940:
  /// lines 199 940…200 000 (61 lines) are delivered, and the seek reads a tiny
  /// fraction of the ≈ 10 MB file.
  @Test func sinceSeeksBackwardsAndReadsOnlyTheTail() throws {
    let fx = try TailFixture()
    let f = fx.path("history.jsonl")
    let size = try Self.writeHistory(fx, f, count: 200_000)
    let since = Timestamp(millisecondsSinceEpoch: Self.t0 + 199_939_000)
    let tailer = Tailer(
      patterns: [f], options: TailerOptions(since: since, timestampProbe: TimestampProbe.jsonTS))
    var seqs: [Int] = []
    var numbers: [Int] = []
    var opened: RecordedTailEvent?
    tailer.poll { event in
      switch event {
      case .line(_, let n, let b):
        seqs.append(Self.seq(Array(b)) ?? -1)
        numbers.append(n)
      case .opened: opened = RecordedTailEvent(event)
      default: break
      }
    }
    // A line is `{"ts":"` (7) + 24-byte ts + `","seq":` (8) + digits + `}\n` (2)
    // = 41 bytes plus the digits of seq: the file is ≈ 9.3 MB.
    #expect(size > 9_000_000)
    // The brief allows starting up to one chunk early; the forward refinement
    // starts exactly at the first line at or after `since`.
    let first = try #require(seqs.first)
    #expect(first <= 199_940 && first >= 199_940 - 65_536 / 41)
    #expect(first == 199_940)
    #expect(seqs == Array(199_940...200_000))
    // Line numbers count from the start position (no prefix count asked for).
    #expect(numbers == Array(1...61))
    if case .opened(_, let offset, let exact)? = opened {
      #expect(!exact)
      // The last 61 lines have 6-digit seqs: 47 bytes each.
      #expect(try offset == #require(tailer.offset(path: f)) - Int64(61 * 47))
    } else {
      Issue.record("no opened event")
    }
    // Seek: the 61 wanted lines (2867 bytes) fit in the last 64 KiB chunk, so
    // one step back finds an older line: ≤ 2 windows of 4 KiB to find and read
    // it, then a forward refinement window of ≤ 64 KiB + one line, then the
    // 2867 bytes of the tail: under 128 KiB (measured: 76 623), against ≈ 9.3 MB.
    #expect(tailer.bytesRead < 131_072)
    #expect(tailer.bytesRead * 50 < Int64(size))
  }

  /// With `countSkippedLines`, line numbers are exact (the prefix is counted
  /// with memchr, so every byte is read once, never held).
  @Test func sinceWithExactLineNumbers() throws {
    let fx = try TailFixture()
    let f = fx.path("history.jsonl")
    let size = try Self.writeHistory(fx, f, count: 20_000)
    // Last ts = t0 + 19 999 s; since = last − 10 s → first line 19 990.
    let since = Timestamp(millisecondsSinceEpoch: Self.t0 + 19_989_000)
    let tailer = Tailer(
      patterns: [f],
      options: TailerOptions(since: since, timestampProbe: TimestampProbe.jsonTS, countSkippedLines: true))
    var numbered: [(Int, Int)] = []
    tailer.poll { if case .line(_, let n, let b) = $0 { numbered.append((n, Self.seq(Array(b)) ?? -1)) } }
    #expect(numbered.map(\.0) == Array(19_990...20_000))
    #expect(numbered.map(\.1) == Array(19_990...20_000))
    #expect(tailer.bytesRead >= Int64(size))
  }

  /// `since` older than the whole file: everything is read from byte 0; `since`
  /// newer than the last line: nothing old is delivered, new lines are.
  @Test func sinceOutsideTheFile() throws {
    let fx = try TailFixture()
    let f = fx.path("h.jsonl")
    _ = try Self.writeHistory(fx, f, count: 3000)
    let early = Tailer(
      patterns: [f],
      options: TailerOptions(
        readChunkBytes: 1024, since: Timestamp(millisecondsSinceEpoch: Self.t0 - 1),
        timestampProbe: TimestampProbe.jsonTS))
    var count = 0
    early.poll { if case .line = $0 { count += 1 } }
    #expect(count == 3000)

    let late = Tailer(
      patterns: [f],
      options: TailerOptions(
        readChunkBytes: 1024, since: Timestamp(millisecondsSinceEpoch: Self.t0 + 5_000_000),
        timestampProbe: TimestampProbe.jsonTS))
    var texts: [String] = []
    late.poll { if case .line(_, _, let b) = $0 { texts.append(String(decoding: b, as: UTF8.self)) } }
    #expect(texts.isEmpty)
    try fx.append(f, "fresh\n")
    late.poll { if case .line(_, _, let b) = $0 { texts.append(String(decoding: b, as: UTF8.self)) } }
    #expect(texts == ["fresh"])
  }

  /// A historic file (all lines older than `since`) with `staleFileHistoryMs`:
  /// the history is taken before the file's newest line instead. 3000 lines,
  /// last ts = t0 + 2999 s; 30 s of history → lines from ts t0 + 2969 s, i.e.
  /// seq 2970…3000 (31 lines).
  @Test func staleFileReadsHistoryBeforeItsNewestLine() throws {
    let fx = try TailFixture()
    let f = fx.path("old.jsonl")
    _ = try Self.writeHistory(fx, f, count: 3000)
    var options = TailerOptions(
      readChunkBytes: 1024, since: Timestamp(millisecondsSinceEpoch: Self.t0 + 5_000_000),
      timestampProbe: TimestampProbe.jsonTS)
    options.staleFileHistoryMs = 30_000
    let tailer = Tailer(patterns: [f], options: options)
    var seqs: [Int] = []
    tailer.poll { if case .line(_, _, let b) = $0 { seqs.append(Self.seq(Array(b)) ?? -1) } }
    #expect(seqs == Array(2970...3000))
  }

  /// A historic file whose last line has no readable timestamp (a malformed
  /// line appended last): the newest line is the last one that has one, so
  /// the file is still historic and its history is read, the bad last line
  /// included (delivered, for the decoder to report), not only that line.
  /// 3000 lines then `{"ts":"bad"}`; 30 s of history before seq 3000's ts
  /// → seq 2970…3000, then the bad line.
  @Test func staleFileWithAMalformedLastLineStillReadsItsHistory() throws {
    let fx = try TailFixture()
    let f = fx.path("old.jsonl")
    _ = try Self.writeHistory(fx, f, count: 3000)
    try fx.append(f, "{\"ts\":\"bad\"}\n")
    var options = TailerOptions(
      readChunkBytes: 1024, since: Timestamp(millisecondsSinceEpoch: Self.t0 + 5_000_000),
      timestampProbe: TimestampProbe.jsonTS)
    options.staleFileHistoryMs = 30_000
    let tailer = Tailer(patterns: [f], options: options)
    var lines: [String] = []
    tailer.poll { if case .line(_, _, let b) = $0 { lines.append(String(decoding: b, as: UTF8.self)) } }
    #expect(lines.count == 32)
    #expect(lines.dropLast().map { Self.seq(Array($0.utf8)) ?? -1 } == Array(2970...3000))
    #expect(lines.last == "{\"ts\":\"bad\"}")
  }

  /// The RFC 3339 probe: Z, offsets, fractions, and rejection of junk.
  @Test func jsonTSProbeParsesRFC3339() {
    func probe(_ s: String) -> Int64? {
      Array(s.utf8).withUnsafeBytes { TimestampProbe.jsonTS($0)?.millisecondsSinceEpoch }
    }
    // 2025-06-01T00:00:00Z = 1 748 736 000 000 ms (TimestampTests).
    #expect(probe("{\"ts\":\"2025-06-01T00:00:00.123Z\",\"x\":1}") == 1_748_736_000_123)
    #expect(probe("{\"a\":1, \"ts\" : \"2025-06-01T00:00:00Z\"}") == 1_748_736_000_000)
    // .5 → 500 ms; .123456 → 123 ms (truncated).
    #expect(probe("{\"ts\":\"2025-06-01T00:00:00.5Z\"}") == 1_748_736_000_500)
    #expect(probe("{\"ts\":\"2025-06-01T00:00:00.123456Z\"}") == 1_748_736_000_123)
    // 02:00+02:00 is 00:00Z.
    #expect(probe("{\"ts\":\"2025-06-01T02:00:00+02:00\"}") == 1_748_736_000_000)
    #expect(probe("{\"ts\":\"2025-06-01\"}") == nil)
    #expect(probe("{\"ts\":1748736000000}") == nil)
    #expect(probe("{\"msg\":\"\\\"ts\\\":\\\"2025-06-01T00:00:00Z\\\"\"}") == nil)
    #expect(probe("") == nil)
  }
}
