import Synchronization

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Aggregates whole telemetry files per (artefact, version, route): the
/// engine of `flightdeck replay`.
///
/// Uses the live path's decoder (``FlightDeckLineScanner`` first, then
/// ``TelemetryLineDecoder`` for what it declines, and OTLP) and the live
/// path's ``MetricBucket`` with ``MetricsConfiguration/batch``'s 3-digit
/// histograms, one all-time bucket per series. Large FlightDeck JSON Lines
/// files are cut at newlines into ``ReplayOptions/threads`` parts aggregated
/// in parallel and merged, so memory is one read buffer per thread plus one
/// histogram per series per thread.
public enum ReplayAggregator {
  /// An error that stops the replay: a path that matches nothing or is not
  /// a regular file or folder. (A file that cannot be opened or read does
  /// not stop it: it is reported in ``ReplayResult/unreadableFiles``.)
  public struct FileError: Error, CustomStringConvertible {
    /// What went wrong, naming the file.
    public var description: String
  }

  /// Aggregates `paths` (files, globs or directories, in that order).
  ///
  /// A file that cannot be opened or read (permission denied, replaced by
  /// a FIFO since expansion, an I/O error) is left out and listed in
  /// ``ReplayResult/unreadableFiles``; the others are aggregated, as the live
  /// dashboard marks such a source failing and follows the rest.
  ///
  /// - Throws: ``FileError`` when a path matches nothing or names something
  ///   that is not a regular file or directory (see ``expand(_:)``), which the
  ///   dashboard refuses at start too. Malformed lines are counted, not thrown.
  public static func run(paths: [String], options: ReplayOptions) throws -> ReplayResult {
    let files = try expand(paths)
    var total = ReplaySeriesTable()
    var result = ReplayResult()
    for path in files {
      // Standard input is one sequential pass (a pipe cannot be split with pread).
      let parts: [ReplayPartAggregator]
      do {
        parts =
          path == "-"
          ? [
            try readFailure {
              try aggregate(fd: STDIN_FILENO, path: "-", range: nil, options: options, admitted: total)
            }
          ]
          : try aggregateFile(path, options: options, admitted: total)
      } catch let unreadable as ReplayResult.UnreadableFile {
        result.unreadableFiles.append(unreadable)
        continue
      }
      var lineOffset = 0
      // Popped one by one, so a part's table is released before the next
      // merge (the first one is adopted whole and must not stay shared).
      var remaining = Array(parts.reversed())
      while let part = remaining.popLast() {
        result.overSeriesLimitRecords += part.overSeriesLimit
        result.overSeriesLimitRecords += total.merge(part.table, limit: options.maxSeries)
        result.outsideWindow += part.outsideWindow
        result.malformedLines += part.malformed
        result.oversizedLines += part.oversized
        result.skippedSpans += part.skippedSpans
        for e in part.errors where result.errors.count < options.errorLimit {
          var located = e
          located.line += lineOffset
          result.errors.append(located)
        }
        lineOffset += part.lines
      }
    }
    let order = total.keys.indices.sorted { total.keys[$0] < total.keys[$1] }
    let kinds = total.artefactKind(ofSeriesIn: order)
    result.rows.reserveCapacity(order.count)
    for (position, id) in order.enumerated() {
      let requests = total.buckets[id].requests
      guard requests > 0 else { continue }
      result.rows.append(
        ReplayResult.Row(
          key: total.keys[id], kind: kinds[position],
          stats: MetricsStore.stats(of: total.buckets[id], windowSeconds: 1)))
      result.records += requests
    }
    result.seriesLimit = options.maxSeries
    result.quantileRelativeError = LatencyHistogram.relativeError(digits: total.digits)
    return result
  }

  /// One regular file, cut at newlines into up to ``ReplayOptions/threads``
  /// parts aggregated in parallel (FlightDeck JSON Lines, and OTLP/JSON
  /// lines: files whose first line is one or the other), in file order,
  /// after the series of `admitted` (the files before).
  ///
  /// Each part applies the series limit to the series it sees; merged in
  /// file order with the same limit, parts that refused nothing give exactly
  /// the series a single pass would keep. When a part did refuse some (the
  /// limit is reached), it may have refused a series an earlier part had
  /// taken, so the file is read again in one pass, which applies the limit
  /// in file order. So is a file in which a part opened a multi-line JSON
  /// document: it may end in a later part, whose reader started inside it
  /// (breaker finding P2: the totals then depended on `--threads`). So is an
  /// OTLP file in which a part after the first looked for a version its
  /// spans had not taught it (a span without a version attribute: the parts
  /// before may have taught another, ``OTLPVersionMemory``), or whose parts
  /// learned ``OTLPVersionMemory/capacity`` (artefact, request model) pairs
  /// or more together (one pass would have stopped learning).
  /// - Throws: ``ReplayResult/UnreadableFile`` when the file cannot be
  ///   opened, is not a regular file, or a read fails.
  private static func aggregateFile(_ path: String, options: ReplayOptions, admitted: ReplaySeriesTable)
    throws
    -> [ReplayPartAggregator]
  {
    @Sendable func unreadable(_ reason: String) -> ReplayResult.UnreadableFile {
      ReplayResult.UnreadableFile(path: path, reason: reason)
    }
    // O_NONBLOCK: should the path have become a FIFO since `expand`, open
    // must not wait for a writer; it does not affect regular-file reads.
    let fd: Int32
    switch options.openFile(path) {
    case .failure(let error): throw unreadable("open failed: \(error.readProblem)")
    case .success(let opened): fd = opened
    }
    defer { close(fd) }
    var st = stat()
    guard fstat(fd, &st) == 0 else { throw unreadable("fstat failed: \(PosixError(errno).readProblem)") }
    if let kind = InputFileCheck.kindName(st.st_mode) { throw unreadable("not a regular file (a \(kind))") }
    let size = Int(st.st_size)
    let parallel =
      options.threads > 1
      && ((options.format == .auto || options.format == .flightdeck) && firstLineIsFlightDeck(fd: fd)
        || (options.format == .auto || options.format == .otlp) && size > 1 << 20
          && firstLineIsOTLPJSON(fd: fd, mapping: options.otlpMapping, prices: options.prices))
    let ranges = try readFailure {
      try ChunkedLineReader.splitRanges(
        fileSize: size, parts: parallel ? options.threads : 1, fd: fd, path: path)
    }
    let parts = Mutex<[ReplayPartAggregator?]>(Array(repeating: nil, count: ranges.count))
    let failure = Mutex<ReplayResult.UnreadableFile?>(nil)
    // The last part reads to the end of the file, not to the size `fstat`
    // gave: a file that reports size 0 (procfs, `/proc/self/mem`, or a
    // device-backed file) was never read, so a read that fails with EIO
    // went unnoticed (`unreadable_files: []`) where the dashboard's tailer,
    // which reads to the end, marked it failing (issue 11, finding F6).
    let last = ranges.count - 1
    let work: @Sendable (Int) -> Void = { i in
      let range = i == last ? ranges[i].lowerBound..<Int.max : ranges[i]
      do {
        let r = try readFailure {
          try aggregate(fd: fd, path: path, range: range, options: options, admitted: admitted)
        }
        parts.withLock { $0[i] = r }
      } catch let e as ReplayResult.UnreadableFile {
        failure.withLock { $0 = e }
      } catch {
        failure.withLock { $0 = unreadable("\(error)") }
      }
    }
    if ranges.count == 1 {
      work(0)
    } else {
      let group = ThreadGroup()
      for i in ranges.indices { group.spawn { work(i) } }
      group.join()
    }
    if let e = failure.withLock({ $0 }) { throw e }
    let done = parts.withLock { $0 }.compactMap { $0 }
    let versionsDiffer =
      done.dropFirst().contains { $0.otlpVersionMemory.misses > 0 }
      || done.reduce(0) { $0 + $1.otlpVersionMemory.count } >= OTLPVersionMemory.capacity
    if done.count > 1
      && (versionsDiffer || done.contains(where: { $0.overSeriesLimit > 0 || $0.openedDocument }))
    {
      return [
        try readFailure {
          try aggregate(fd: fd, path: path, range: 0..<Int.max, options: options, admitted: admitted)
        }
      ]
    }
    return done
  }

  /// Runs `body`, turning a ``ChunkedLineReader/ReadError`` into an
  /// ``ReplayResult/UnreadableFile`` (`read failed: <problem>`).
  private static func readFailure<T>(_ body: () throws -> T) throws -> T {
    do {
      return try body()
    } catch let e as ChunkedLineReader.ReadError {
      throw ReplayResult.UnreadableFile(
        path: e.path, reason: "read failed: \(PosixError(e.code).readProblem)")
    }
  }

  /// Whether the file's first line (within its first 256 KiB) is a whole
  /// OTLP/JSON `TracesData` the byte-level reader answers (an OTLP/JSON
  /// lines file, as the Collector's file exporter writes).
  private static func firstLineIsOTLPJSON(fd: Int32, mapping: OTLPAttributeMapping, prices: PriceTable)
    -> Bool
  {
    var buf = [UInt8](repeating: 0, count: 256 << 10)
    let n = buf.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, 0) }
    guard n > 0, let nl = buf[0..<n].firstIndex(of: 0x0A), buf[0] == 0x7B else { return false }
    var versions = OTLPVersionMemory()
    return buf.withUnsafeBytes { raw in
      OTLPJSONDecoder(mapping: mapping, prices: prices).fastDecode(
        UnsafeRawBufferPointer(rebasing: raw[0..<nl]), linesBeforeCurrent: 0, versions: &versions,
        requireResourceSpans: true) != nil
    }
  }

  private static func firstLineIsFlightDeck(fd: Int32) -> Bool {
    var buf = [UInt8](repeating: 0, count: 4096)
    let n = buf.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, 0) }
    guard n > 0, let nl = buf[0..<n].firstIndex(of: 0x0A) else { return false }
    return buf.withUnsafeBytes { raw in
      if case .scanned = FlightDeckLineScanner.scan(UnsafeRawBufferPointer(rebasing: raw[0..<nl])) {
        return true
      }
      return false
    }
  }

  /// Aggregates the lines of `range` of one file.
  /// - Throws: ``ChunkedLineReader/ReadError`` when a read fails.
  private static func aggregate(
    fd: Int32, path: String, range: Range<Int>?, options: ReplayOptions, admitted: ReplaySeriesTable
  ) throws -> ReplayPartAggregator {
    var part = ReplayPartAggregator(path: path, options: options, admitted: admitted)
    try ChunkedLineReader.forEachLine(
      fd: fd, path: path, range: range, maxLineBytes: options.maxLineBytes, into: &part)
    part.finish()
    return part
  }

  /// Expands files, globs and directories into a list of regular files, in
  /// argument order, by ``TelemetryPathExpansion/expand(_:)``'s rule (shared
  /// by every command that takes telemetry paths): an existing path is that
  /// file or folder even when its name holds `*`, `?` or `[`; a folder gives
  /// its telemetry files (``TelemetryFileName/isTelemetry(_:)``), sorted; `-`
  /// is standard input; a glob is expanded only when no file has that name.
  ///
  /// - Throws: ``FileError`` when a path matches nothing (`"<path>: no such
  ///   file, directory or matching glob"`, or a folder without telemetry
  ///   files), or names an existing file that is not a regular file or
  ///   directory (`"<path>: not a regular file"`).
  public static func expand(_ paths: [String]) throws -> [String] {
    do {
      return try TelemetryPathExpansion.expand(paths)
    } catch let error as TelemetryPathExpansion.PathError {
      throw FileError(description: error.description)
    }
  }
}
