import Foundation

/// Reads whole telemetry files once, decoding every line, and hands each
/// record to a closure: the batch path for commands that need the records
/// themselves rather than ``ReplayAggregator``'s per-series totals (the
/// judge's samples, `flightdeck analysis show`).
///
/// Files are read sequentially with ``ChunkedLineReader`` (128 KiB reads,
/// lines over `maxLineBytes` skipped and counted); a file that ends inside a
/// multi-line OTLP document gets the decoder's `finish()`. Malformed lines
/// are counted, never fatal.
public enum TelemetryFileScan {
  /// What a scan read.
  public struct Summary: Sendable, Hashable {
    /// Records decoded.
    public var records = 0
    /// Lines that could not be decoded (malformed, or over the size cap).
    public var malformedLines = 0
  }

  /// Reads `paths` in order.
  /// - Parameters:
  ///   - paths: Files (`-` is standard input).
  ///   - options: Format, OTLP mapping, prices and the line cap.
  ///   - each: Called with every decoded record, in file order.
  /// - Returns: Counts of records and malformed lines.
  /// - Throws: ``ChunkedLineReader/ReadError`` when a file cannot be opened or read.
  public static func scan(
    paths: [String], options: EngineOptions, each: (TelemetryRecord) -> Void
  ) throws -> Summary {
    var summary = Summary()
    for path in paths {
      let fd = path == "-" ? 0 : open(path, O_RDONLY)
      guard fd >= 0 else { throw ChunkedLineReader.ReadError(path: path, code: errno) }
      defer { if path != "-" { close(fd) } }
      try withoutActuallyEscaping(each) { each in
        var sink = Sink(
          decoder: TelemetryLineDecoder(
            format: options.format, mapping: options.otlpMapping, prices: options.prices),
          each: each)
        try ChunkedLineReader.forEachLine(
          fd: fd, path: path, range: nil, maxLineBytes: options.maxLineBytes, into: &sink)
        if let tail = sink.decoder.finish() { sink.take(tail) }
        summary.records += sink.records
        summary.malformedLines += sink.malformed
      }
    }
    return summary
  }

  private struct Sink: ChunkedLineSink {
    var decoder: TelemetryLineDecoder
    let each: (TelemetryRecord) -> Void
    var records = 0
    var malformed = 0

    mutating func take(_ result: TelemetryDecodeResult) {
      for r in result.records { each(r) }
      records += result.records.count
      malformed += result.errors.count
    }

    mutating func line(_ bytes: UnsafeRawBufferPointer, index: Int) {
      take(decoder.decode(line: bytes))
    }

    mutating func oversizedLine(index: Int) { malformed += 1 }
  }
}
