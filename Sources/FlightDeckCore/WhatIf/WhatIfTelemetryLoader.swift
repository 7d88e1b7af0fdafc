#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Reads whole telemetry files into a ``MetricsStore`` for `flightdeck whatif`.
///
/// Files are expanded like `replay`'s (``ReplayAggregator/expand(_:)``: files,
/// globs, directories one level deep, `-` for standard input), read with the
/// batch path's ``ChunkedLineReader`` and decoded with the live path's
/// ``TelemetryLineDecoder``, then recorded into a store with the dashboard's
/// bucketing (the caller's ``MetricsConfiguration``), so the window figures
/// are the dashboard's. Records dated after `until` are dropped (a view "as
/// of" that instant shows nothing later), as `render --at` does.
public enum WhatIfTelemetryLoader {
  /// What was read.
  public struct Loaded: Sendable {
    /// The metrics of every record kept.
    public var store: MetricsStore
    /// Records recorded into the store (records older than the store's
    /// retention behind the newest are dropped by the store).
    public var records: Int = 0
    /// Records dropped because they were dated after `until`.
    public var afterEnd: Int = 0
    /// Malformed lines (all files).
    public var malformedLines: Int = 0
    /// Lines over the length cap (all files).
    public var oversizedLines: Int = 0
    /// The first located errors (up to 20), in file order.
    public var errors: [IngestError] = []
  }

  /// An error that stops the load: a path that matches nothing or a file that
  /// cannot be opened or read.
  public struct FileError: Error, CustomStringConvertible {
    /// What went wrong, naming the file.
    public var description: String
  }

  /// Reads `paths` into a store configured by `options.metrics`.
  ///
  /// - Parameters:
  ///   - options: Format, prices, OTLP mapping, line cap and metrics
  ///     configuration (``EngineOptions``, as the dashboard uses them).
  ///   - until: Records with a later timestamp are dropped; `nil` keeps all.
  /// - Throws: ``FileError`` when a path matches nothing, is not a regular
  ///   file or directory, or a file cannot be opened or read. Malformed lines
  ///   are counted, not thrown.
  public static func load(paths: [String], options: EngineOptions, until: Timestamp?) throws -> Loaded {
    let files: [String]
    do {
      files = try ReplayAggregator.expand(paths)
    } catch {
      throw FileError(description: "\(error)")
    }
    var sink = Sink(
      loaded: Loaded(store: MetricsStore(configuration: options.metrics)),
      decoder: TelemetryLineDecoder(
        format: options.format, mapping: options.otlpMapping, prices: options.prices,
        litellm: options.litellmMapping),
      until: until, path: "")
    for path in files {
      sink.path = path
      sink.decoder = TelemetryLineDecoder(
        format: options.format, mapping: options.otlpMapping, prices: options.prices,
        litellm: options.litellmMapping)
      let fd = path == "-" ? STDIN_FILENO : open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
      guard fd >= 0 else {
        throw FileError(description: "\(path): \(String(cString: strerror(errno)))")
      }
      defer { if fd != STDIN_FILENO { close(fd) } }
      do {
        try ChunkedLineReader.forEachLine(
          fd: fd, path: path, range: nil, maxLineBytes: options.maxLineBytes, into: &sink)
      } catch {
        throw FileError(description: "\(error)")
      }
      if let result = sink.decoder.finish() { sink.absorb(result, line: 0) }
    }
    return sink.loaded
  }

  /// Decodes lines and records them.
  private struct Sink: ChunkedLineSink {
    var loaded: Loaded
    var decoder: TelemetryLineDecoder
    let until: Timestamp?
    var path: String

    mutating func line(_ bytes: UnsafeRawBufferPointer, index: Int) {
      absorb(decoder.decode(line: bytes), line: index)
    }

    mutating func oversizedLine(index: Int) {
      loaded.oversizedLines += 1
      note(IngestError(path: path, line: index, reason: "line over the length cap, skipped"))
    }

    mutating func absorb(_ result: TelemetryDecodeResult, line: Int) {
      for r in result.records {
        if let until, r.timestamp > until {
          loaded.afterEnd += 1
          continue
        }
        if loaded.store.record(r) { loaded.records += 1 }
      }
      for e in result.errors {
        loaded.malformedLines += 1
        note(
          IngestError(path: path, line: max(0, line - e.linesBeforeCurrent), field: e.field, reason: e.reason)
        )
      }
    }

    mutating func note(_ e: IngestError) {
      if loaded.errors.count < 20 { loaded.errors.append(e) }
    }
  }
}
