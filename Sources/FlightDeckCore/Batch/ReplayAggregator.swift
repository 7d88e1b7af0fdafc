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
/// path's ``MetricsStore`` in its single-bucket ``MetricsConfiguration/batch``
/// form. Large FlightDeck JSON Lines files are cut at newlines into
/// ``ReplayOptions/threads`` parts aggregated in parallel and merged, so
/// memory is one read buffer per thread plus one histogram per series.
public enum ReplayAggregator {
  /// An error that stops the replay: a file that cannot be opened or read.
  public struct FileError: Error, CustomStringConvertible {
    /// What went wrong, naming the file.
    public var description: String
  }

  /// Aggregates `paths` (files, globs or directories, in that order).
  ///
  /// - Throws: ``FileError`` when a path matches nothing or a file cannot be
  ///   opened or read. Malformed lines are counted, not thrown.
  public static func run(paths: [String], options: ReplayOptions) throws -> ReplayResult {
    let files = try expand(paths)
    var total = MetricsStore(configuration: .batch)
    var result = ReplayResult()
    for path in files {
      let fd = open(path, O_RDONLY | O_CLOEXEC)
      guard fd >= 0 else {
        throw FileError(description: "\(path): \(String(cString: strerror(errno)))")
      }
      defer { close(fd) }
      var st = stat()
      guard fstat(fd, &st) == 0 else {
        throw FileError(description: "\(path): \(String(cString: strerror(errno)))")
      }
      let size = Int(st.st_size)
      let parallel = options.format != .otlp && options.threads > 1 && firstLineIsFlightDeck(fd: fd)
      let ranges: [Range<Int>]
      do {
        ranges = try ChunkedLineReader.splitRanges(
          fileSize: size, parts: parallel ? options.threads : 1, fd: fd, path: path)
      } catch {
        throw FileError(description: "\(error)")
      }
      let parts = Mutex<[PartResult?]>(Array(repeating: nil, count: ranges.count))
      let failure = Mutex<String?>(nil)
      let work: @Sendable (Int) -> Void = { i in
        do {
          let r = try aggregate(fd: fd, path: path, range: ranges[i], options: options)
          parts.withLock { $0[i] = r }
        } catch {
          failure.withLock { $0 = "\(error)" }
        }
      }
      if ranges.count == 1 {
        work(0)
      } else {
        let group = ThreadGroup()
        for i in ranges.indices { group.spawn { work(i) } }
        group.join()
      }
      if let message = failure.withLock({ $0 }) { throw FileError(description: message) }
      var lineOffset = 0
      for part in parts.withLock({ $0 }) {
        guard let part else { continue }
        total.merge(part.store)
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
    for key in total.seriesKeys.sorted() {
      guard let bucket = total.totalBucket(for: key) else { continue }
      result.rows.append(
        ReplayResult.Row(
          key: key, kind: total.kind(of: key.artefact) ?? .model,
          stats: MetricsStore.stats(of: bucket, windowSeconds: 1)))
      result.records += bucket.requests
    }
    result.quantileRelativeError = LatencyHistogram.relativeError(
      digits: MetricsConfiguration.batch.latencyDigits)
    return result
  }

  private struct PartResult: Sendable {
    var store: MetricsStore
    var outsideWindow = 0
    var malformed = 0
    var oversized = 0
    var skippedSpans = 0
    var lines = 0
    var errors: [IngestError] = []
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

  private static func aggregate(fd: Int32, path: String, range: Range<Int>, options: ReplayOptions) throws
    -> PartResult
  {
    var part = PartResult(store: MetricsStore(configuration: .batch))
    var interner = SeriesInterner()
    var decoder = TelemetryLineDecoder(
      format: options.format, mapping: options.otlpMapping, prices: options.prices)
    let fromMs = options.from?.millisecondsSinceEpoch ?? Int64.min
    let toMs = options.to?.millisecondsSinceEpoch ?? Int64.max
    let limit = options.errorLimit
    let tryFast = options.format != .otlp

    func note(_ e: IngestError) {
      if part.errors.count < limit { part.errors.append(e) }
    }
    func absorb(_ result: TelemetryDecodeResult, line: Int) {
      part.skippedSpans += result.skippedSpans
      for r in result.records {
        let ms = r.timestamp.millisecondsSinceEpoch
        if ms < fromMs || ms >= toMs {
          part.outsideWindow += 1
          continue
        }
        part.store.record(r)
      }
      for error in result.errors {
        part.malformed += 1
        note(
          IngestError(
            path: path, line: line - error.linesBeforeCurrent, field: error.field, reason: error.reason))
      }
    }

    try ChunkedLineReader.forEachLine(
      fd: fd, path: path, range: range, maxLineBytes: options.maxLineBytes,
      oversized: { index in
        part.oversized += 1
        note(
          IngestError(
            path: path, line: index, reason: "line over the \(options.maxLineBytes)-byte cap, skipped"))
      }
    ) { line, index in
      part.lines = index
      if tryFast, case .scanned(let s) = FlightDeckLineScanner.scan(line), let cost = s.costUSD {
        let ms = s.timestamp.millisecondsSinceEpoch
        if ms < fromMs || ms >= toMs {
          part.outsideWindow += 1
          return
        }
        let a = UnsafeRawBufferPointer(rebasing: line[s.artefactRange])
        let v = UnsafeRawBufferPointer(rebasing: line[s.versionRange])
        var (id, h) = interner.lookup(artefact: a, version: v, route: s.route)
        if id == nil {
          let key = SeriesKey(
            artefact: String(decoding: a, as: UTF8.self), version: String(decoding: v, as: UTF8.self),
            route: s.route)
          let newID = part.store.seriesID(for: key, kind: s.kind)
          interner.insert(artefact: a, version: v, route: s.route, hash: h, id: newID)
          id = newID
          h = 0
        }
        part.store.record(
          series: id!,
          sample: MetricSample(
            timestamp: s.timestamp, latencyMs: s.latencyMs, status: s.status, inputTokens: s.inputTokens,
            outputTokens: s.outputTokens, costUSD: cost, ttftMs: s.ttftMs))
        return
      }
      absorb(decoder.decode(line: line), line: index)
    }
    if let last = decoder.finish() { absorb(last, line: part.lines) }
    return part
  }

  /// Expands files, globs and directories (regular files directly inside,
  /// sorted by name) into a list of files.
  /// - Throws: ``FileError`` when a path matches nothing.
  public static func expand(_ paths: [String]) throws -> [String] {
    var files: [String] = []
    for p in paths {
      var st = stat()
      if stat(p, &st) == 0 {
        if (st.st_mode & S_IFMT) == S_IFDIR {
          files.append(contentsOf: directoryFiles(p))
        } else {
          files.append(p)
        }
        continue
      }
      var g = glob_t()
      defer { globfree(&g) }
      if p.contains(where: { "*?[".contains($0) }), glob(p, 0, nil, &g) == 0 {
        for i in 0..<Int(g.gl_pathc) {
          if let c = g.gl_pathv[i] { files.append(String(cString: c)) }
        }
        continue
      }
      throw FileError(description: "\(p): no such file, directory or matching glob")
    }
    return files
  }

  private static func directoryFiles(_ dir: String) -> [String] {
    guard let d = opendir(dir) else { return [] }
    defer { closedir(d) }
    var names: [String] = []
    while let entry = readdir(d) {
      let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
        String(cString: raw.bindMemory(to: CChar.self).baseAddress!)
      }
      if name.hasPrefix(".") { continue }
      var st = stat()
      let full = dir.hasSuffix("/") ? dir + name : dir + "/" + name
      if stat(full, &st) == 0 && (st.st_mode & S_IFMT) == S_IFREG { names.append(full) }
    }
    return names.sorted()
  }
}
