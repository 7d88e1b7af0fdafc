import Foundation

/// Reads telemetry files and hands every record over in timestamp order —
/// ties in file order (files in the order given, lines in file order) — the
/// order of a stable sort of all the records by timestamp, while holding in
/// memory only the records whose stretch of file overlaps others in time.
///
/// Two passes over each regular file:
/// 1. The file is cut at newlines into stretches of about ``chunkBytes``
///    (a cut is only made where no multi-line OTLP document is open) and
///    read once through one decoder, noting each stretch's earliest
///    timestamp.
/// 2. Stretches are read again, each with a fresh decoder, in order of
///    their earliest timestamp (then file, then position), and their records
///    go into a min-heap keyed by (timestamp, file, stretch, position).
///    Before a stretch is read, every held record whose key is below the
///    stretch's (earliest timestamp, file, stretch) is handed over: every
///    record still unread has a key at least that large, so nothing can come
///    before it any more.
///
/// A file written in time order (each stretch later than the one before,
/// whatever the disorder inside a stretch) holds at most about two stretches
/// at once; several files over the same hours hold about two per file.
/// Standard input and other non-regular files cannot be read twice: their
/// records are all held (the previous behaviour, for that source only).
/// The records are decoded twice (pass 1 only reads timestamps, but decodes
/// to find them).
public enum TelemetryTimeOrderScan {
  /// Bytes per stretch of file (4 MiB, about 16 000 lines of 250 bytes).
  public static let chunkBytes = 4 << 20

  /// Reads `paths` and calls `each` with every record in (timestamp, file
  /// order) order.
  /// - Parameters:
  ///   - paths: Files (`-` is standard input).
  ///   - options: Format, OTLP mapping, prices and the line cap.
  ///   - chunkBytes: Bytes per stretch (for tests; at least 1).
  ///   - each: Called with every decoded record, in order.
  /// - Returns: Counts of records and malformed lines (from the first pass),
  ///   and the files that could not be opened or read
  ///   (``TelemetryFileScan/Summary/unreadableFiles``): those are left out
  ///   from where their read failed, and the others are read.
  /// - Throws: nothing today; `throws` is kept for the callers.
  public static func scan(
    paths: [String], options: EngineOptions, chunkBytes: Int = TelemetryTimeOrderScan.chunkBytes,
    each: (TelemetryRecord) -> Void
  ) throws -> TelemetryFileScan.Summary {
    var summary = TelemetryFileScan.Summary()
    var heap = Heap()
    var stretches: [Stretch] = []
    var descriptors: [Int32] = []
    defer { for fd in descriptors { close(fd) } }
    var failed = Set<Int>()
    func leaveOut(_ file: Int, _ path: String, _ error: Error) {
      guard failed.insert(file).inserted else { return }
      let reason =
        (error as? ChunkedLineReader.ReadError).map { "read failed: \(PosixError($0.code).readProblem)" }
        ?? "read failed: \(error)"
      summary.unreadableFiles.append(.init(path: path, reason: reason))
    }
    for (file, path) in paths.enumerated() {
      let fd = path == "-" ? 0 : open(path, O_RDONLY | O_CLOEXEC)
      guard fd >= 0 else {
        failed.insert(file)
        summary.unreadableFiles.append(
          .init(path: path, reason: "open failed: \(PosixError(errno).readProblem)"))
        continue
      }
      if path != "-" { descriptors.append(fd) }
      var st = stat()
      let regular = path != "-" && fstat(fd, &st) == 0 && (st.st_mode & S_IFMT) == S_IFREG
      if !regular {
        // One pass, every record held.
        var sink = HoldSink(decoder: decoder(options), file: file, heap: heap)
        heap = Heap()
        do {
          try ChunkedLineReader.forEachLine(
            fd: fd, path: path, range: nil, maxLineBytes: options.maxLineBytes, into: &sink)
          if let tail = sink.decoder.finish() { sink.take(tail) }
        } catch {
          leaveOut(file, path, error)
        }
        heap = sink.heap
        summary.records += sink.records
        summary.malformedLines += sink.malformed
        continue
      }
      var ranges: [Range<Int>]
      do {
        ranges = try ChunkedLineReader.splitRanges(
          fileSize: Int(st.st_size), parts: max(1, Int(st.st_size) / max(1, chunkBytes)), fd: fd, path: path)
      } catch {
        leaveOut(file, path, error)
        continue
      }
      // The last stretch reads to the end of the file, not to the size
      // `fstat` gave: a file that reports size 0 (procfs, `/proc/self/mem`)
      // was never read, so a read failing with EIO went unnoticed (issue 11,
      // as `replay`'s F6).
      ranges[ranges.count - 1] = ranges[ranges.count - 1].lowerBound..<Int.max
      var sink = IndexSink(decoder: decoder(options))
      var open: (start: Int, earliest: Int64)?
      for range in ranges {
        if open == nil { open = (range.lowerBound, .max) }
        sink.earliest = .max
        do {
          try ChunkedLineReader.forEachLine(
            fd: fd, path: path, range: range, maxLineBytes: options.maxLineBytes, into: &sink)
        } catch {
          // What was read before the failure is kept (pass 2 reads the
          // stretches closed so far and this one up to the failure again).
          leaveOut(file, path, error)
        }
        open!.earliest = min(open!.earliest, sink.earliest)
        if sink.decoder.isPending && range.upperBound < Int(st.st_size) && !failed.contains(file) { continue }
        if let tail = sink.decoder.finish() { sink.take(tail) }
        open!.earliest = min(open!.earliest, sink.earliest)
        if open!.earliest != .max {
          stretches.append(
            Stretch(
              earliest: open!.earliest, file: file, index: stretches.count, fd: fd, path: path,
              range: open!.start..<range.upperBound))
        }
        open = nil
        if failed.contains(file) { break }
      }
      summary.records += sink.records
      summary.malformedLines += sink.malformed
    }
    stretches.sort { ($0.earliest, $0.file, $0.index) < ($1.earliest, $1.file, $1.index) }
    for stretch in stretches {
      let floor = Key(timestamp: stretch.earliest, file: stretch.file, stretch: stretch.index, position: 0)
      while let top = heap.top, top.key < floor { each(heap.pop().record) }
      var sink = HoldSink(decoder: decoder(options), file: stretch.file, heap: heap)
      sink.stretch = stretch.index
      heap = Heap()
      do {
        try ChunkedLineReader.forEachLine(
          fd: stretch.fd, path: stretch.path, range: stretch.range, maxLineBytes: options.maxLineBytes,
          into: &sink)
        if let tail = sink.decoder.finish() { sink.take(tail) }
      } catch {
        leaveOut(stretch.file, stretch.path, error)
      }
      heap = sink.heap
    }
    while !heap.isEmpty { each(heap.pop().record) }
    return summary
  }

  private static func decoder(_ options: EngineOptions) -> TelemetryLineDecoder {
    TelemetryLineDecoder(
      format: options.format, mapping: options.otlpMapping, prices: options.prices,
      litellm: options.litellmMapping)
  }

  /// A stretch of one file, read in pass 2.
  private struct Stretch {
    var earliest: Int64
    var file: Int
    var index: Int
    var fd: Int32
    var path: String
    var range: Range<Int>
  }

  /// Where a record sorts: timestamp, then its place in the files.
  private struct Key: Comparable {
    var timestamp: Int64
    var file: Int
    var stretch: Int
    var position: Int

    static func < (a: Key, b: Key) -> Bool {
      (a.timestamp, a.file, a.stretch, a.position) < (b.timestamp, b.file, b.stretch, b.position)
    }
  }

  private struct Held {
    var key: Key
    var record: TelemetryRecord
  }

  /// A binary min-heap of held records by key.
  private struct Heap {
    private var items: [Held] = []
    var isEmpty: Bool { items.isEmpty }
    var top: Held? { items.first }

    mutating func push(_ h: Held) {
      items.append(h)
      var i = items.count - 1
      while i > 0 {
        let parent = (i - 1) / 2
        guard items[i].key < items[parent].key else { break }
        items.swapAt(i, parent)
        i = parent
      }
    }

    mutating func pop() -> Held {
      let first = items[0]
      let last = items.removeLast()
      if !items.isEmpty {
        items[0] = last
        var i = 0
        while true {
          let l = 2 * i + 1
          let r = l + 1
          var m = i
          if l < items.count && items[l].key < items[m].key { m = l }
          if r < items.count && items[r].key < items[m].key { m = r }
          if m == i { break }
          items.swapAt(i, m)
          i = m
        }
      }
      return first
    }
  }

  /// Pass 1: counts and the earliest timestamp of the current stretch.
  private struct IndexSink: ChunkedLineSink {
    var decoder: TelemetryLineDecoder
    var earliest: Int64 = .max
    var records = 0
    var malformed = 0

    mutating func take(_ result: TelemetryDecodeResult) {
      for r in result.records { earliest = min(earliest, r.timestamp.millisecondsSinceEpoch) }
      records += result.records.count
      malformed += result.errors.count
    }

    mutating func line(_ bytes: UnsafeRawBufferPointer, index: Int) { take(decoder.decode(line: bytes)) }
    mutating func oversizedLine(index: Int) { malformed += 1 }
  }

  /// Pass 2 (and non-regular sources): every record into the heap.
  private struct HoldSink: ChunkedLineSink {
    var decoder: TelemetryLineDecoder
    let file: Int
    var heap: Heap
    var stretch = Int.max
    var position = 0
    var records = 0
    var malformed = 0

    init(decoder: TelemetryLineDecoder, file: Int, heap: Heap) {
      self.decoder = decoder
      self.file = file
      self.heap = heap
    }

    mutating func take(_ result: TelemetryDecodeResult) {
      for r in result.records {
        heap.push(
          Held(
            key: Key(
              timestamp: r.timestamp.millisecondsSinceEpoch, file: file, stretch: stretch, position: position),
            record: r))
        position += 1
      }
      records += result.records.count
      malformed += result.errors.count
    }

    mutating func line(_ bytes: UnsafeRawBufferPointer, index: Int) { take(decoder.decode(line: bytes)) }
    mutating func oversizedLine(index: Int) { malformed += 1 }
  }
}
