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
    /// Files that could not be opened or whose read failed part-way (EIO,
    /// a vanished mount), in argument order: the others are still read, as
    /// the dashboard marks such a source failing and goes on. Records read
    /// from a file before its read failed are kept (as the dashboard's
    /// tailer keeps the lines it read); `replay` instead leaves such a file
    /// out whole, since its totals must never hold half a file.
    public var unreadableFiles: [ReplayResult.UnreadableFile] = []
  }

  /// Reads `paths` in order.
  /// - Parameters:
  ///   - paths: Files (`-` is standard input).
  ///   - options: Format, OTLP mapping, prices and the line cap.
  ///   - each: Called with every decoded record, in file order.
  /// - Returns: Counts of records and malformed lines, and the files that
  ///   could not be read (``Summary/unreadableFiles``).
  /// - Throws: nothing today (a file that cannot be read is listed in the
  ///   summary and the others are read); `throws` is kept for the callers.
  public static func scan(
    paths: [String], options: EngineOptions, each: (TelemetryRecord) -> Void
  ) throws -> Summary {
    var summary = Summary()
    for path in paths {
      let fd = path == "-" ? 0 : open(path, O_RDONLY | O_CLOEXEC)
      guard fd >= 0 else {
        summary.unreadableFiles.append(
          .init(path: path, reason: "open failed: \(PosixError(errno).readProblem)"))
        continue
      }
      defer { if path != "-" { close(fd) } }
      withoutActuallyEscaping(each) { each in
        var sink = Sink(
          decoder: TelemetryLineDecoder(
            format: options.format, mapping: options.otlpMapping, prices: options.prices,
            litellm: options.litellmMapping),
          each: each)
        do {
          try ChunkedLineReader.forEachLine(
            fd: fd, path: path, range: nil, maxLineBytes: options.maxLineBytes, into: &sink)
          if let tail = sink.decoder.finish() { sink.take(tail) }
        } catch let e as ChunkedLineReader.ReadError {
          summary.unreadableFiles.append(
            .init(path: path, reason: "read failed: \(PosixError(e.code).readProblem)"))
        } catch {
          summary.unreadableFiles.append(.init(path: path, reason: "read failed: \(error)"))
        }
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
