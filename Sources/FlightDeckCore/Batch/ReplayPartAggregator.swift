/// Aggregates the lines of one part of one file: one thread's share of a
/// replay (see ``ReplayAggregator``).
///
/// Lines the scanner reads (``FlightDeckLineScanner``) go straight into their
/// series' bucket: the series is found from the raw name bytes by the
/// table's ``SeriesInterner``, and a missing `cost_usd` is priced from a per-series
/// cache of the price table's answer (the rule of
/// `FlightDeckScan.record(line:prices:)`: the artefact's price, else the
/// version's), so no `String`, `Array` or `TelemetryRecord` is made for them.
/// OTLP/JSON lines go the same way when ``OTLPJSONSpanScanner`` answers
/// them: their spans' requests straight into their series, no record built.
/// Lines the scanner declines or finds malformed, and every line while a
/// multi-line OTLP document is being collected, go through
/// ``TelemetryLineDecoder`` exactly as on the live path.
///
/// Scanned lines are looked up three lines late, in file order: when a line
/// has been scanned, the hash table slot of its series is prefetched; one
/// line later the slot is read and the series' entry and totals are
/// prefetched; one line later the entry and totals are read, and the name
/// bytes (which the lookup compares) and the chunk slot the line's latency
/// will be stored in are prefetched, the slot for writing; one line later still
/// the series is found and the request added. At 10 000 series and more
/// those lines are not in the cache, and each was a miss the processor
/// waited for; now they arrive while the next lines are scanned. The reader says when the lines' bytes are about to be reused
/// (``ChunkedLineSink/linesWillMove()``), and the lines still waiting are
/// added then, as before any line that goes through the decoder.
///
/// The series limit (``ReplayOptions/maxSeries``): a series already in
/// `admitted` (the replay's series before this file) is always taken; other
/// new series are taken while fewer than `maxSeries - admitted.count` of
/// them were; the records of the others are counted in
/// ``overSeriesLimit`` and dropped, so the part never holds more than
/// `maxSeries` series.
struct ReplayPartAggregator: ChunkedLineSink, Sendable {
  /// The file, for error locations.
  let path: String
  /// Per-series totals of the records inside the window.
  private(set) var table = ReplaySeriesTable(accumulating: true)
  /// Records outside `[from, to)`.
  private(set) var outsideWindow = 0
  /// Malformed lines (or OTLP spans / documents).
  private(set) var malformed = 0
  /// Lines over the length cap.
  private(set) var oversized = 0
  /// OTLP spans without GenAI attributes.
  private(set) var skippedSpans = 0
  /// Records of series refused by the series limit.
  private(set) var overSeriesLimit = 0
  /// Whether a multi-line document was opened in the part: its end may lie
  /// in the next part, whose reader cannot know it starts inside one.
  private(set) var openedDocument = false
  /// The OTLP version memory's pairs and misses
  /// (``TelemetryLineDecoder/otlpVersionMemory``): a part after the first
  /// with a miss, or parts that together learned ``OTLPVersionMemory/capacity``
  /// pairs, may have resolved a version otherwise than one pass would.
  var otlpVersionMemory: (count: Int, misses: Int) { decoder.otlpVersionMemory }
  /// Lines seen in the part (the index of the last one).
  private(set) var lines = 0
  /// The first located errors, up to the options' limit; lines are 1-based
  /// within the part.
  private(set) var errors: [IngestError] = []

  /// The replay's series before this file (always admitted); emptied by
  /// ``finish()``, so that merging into the replay's table does not copy it.
  private var admitted: ReplaySeriesTable
  /// How many series not in `admitted` the part may create.
  private let newSeriesBudget: Int
  /// Series created that are not in `admitted`.
  private var newSeries = 0
  /// Price of each series id for records without `cost_usd`; `nil` when the
  /// price table knows neither the artefact nor the version.
  private var seriesPrices: [ModelPrice?] = []
  private var decoder: TelemetryLineDecoder
  private let prices: PriceTable
  private let fromMs: Int64
  private let toMs: Int64
  private let errorLimit: Int
  private let maxLineBytes: Int
  private let tryScanner: Bool
  /// Whether OTLP/JSON lines may take the record-free path
  /// (``OTLPJSONSpanScanner``).
  private let tryOTLPScanner: Bool
  /// The record-free reader of OTLP/JSON lines; its name table names the
  /// ids below.
  private var otlpScanner: OTLPJSONSpanScanner
  /// Series ids of the record-free path by (artefact, version, route): the
  /// artefact's name id, the version's shifted by 20 bits, the route's
  /// display order by 40.
  private var otlpSeries: [UInt64: Int] = [:]
  /// The versions the record-free path taught the decoder's OTLP version
  /// memory, by (artefact, request model) name ids, so that a pair already
  /// taught the same version costs no `String` hashing; emptied whenever a
  /// line goes through the decoder, which may teach it otherwise.
  private var otlpTaught: [UInt64: Int32] = [:]
  /// Direct-mapped caches in front of `otlpSeries` and `otlpTaught`
  /// (``OTLPKeyCache``): a span of a known series or an already taught
  /// pair then costs no dictionary hashing.
  private var otlpSeriesCache = OTLPKeyCache()
  private var otlpTaughtCache = OTLPKeyCache()
  /// The name id of the mapping's default version.
  private let otlpDefaultVersion: Int32
  /// The mapping takes versions from `gen_ai.response.model`: a span without
  /// a version, never taught one, takes its request model.
  private let otlpVersionFromResponse: Bool
  /// OTLP/JSON lines the record-free path answered (the others went through
  /// the decoder), so tests can tell it ran.
  private(set) var otlpRecordFreeLines = 0
  /// Tokens above which a line without `cost_usd` might be priced over
  /// ``TelemetryBounds/maxCostUSD`` at the dearest rate of the price table
  /// (`.infinity` without prices): such a line takes the decoder's path,
  /// which refuses it exactly as the dashboard does.
  private let pricedTokenCeiling: Double
  /// The lines waiting, in three fixed places used in turn: the newest (its
  /// series' slot prefetched) is in place `newest`, the one before it (its
  /// entry and totals prefetched) in the place before, and the oldest (its
  /// names and latency slot prefetched) in the place before that. Fixed places rather
  /// than a queue: a new line takes the place of the line just added, and no
  /// line (about 150 bytes) is moved, which cost a tenth of a replay at 1,000
  /// series.
  private var waiting0 = WaitingLine()
  private var waiting1 = WaitingLine()
  private var waiting2 = WaitingLine()
  /// The place (0, 1 or 2) of the newest waiting line.
  private var newest = 2
  /// Lines waiting: 0 to 3.
  private var waiting = 0

  /// A scanned line inside the window, waiting to be added. It points into
  /// the reader's buffer, valid until ``linesWillMove()``, which adds it:
  /// `@unchecked Sendable` because no waiting line is left when the part is
  /// finished and handed to another thread.
  private struct WaitingLine: @unchecked Sendable {
    var artefact: UnsafeRawBufferPointer
    var version: UnsafeRawBufferPointer
    var route: Route
    var kind: ArtefactKind
    /// ``SeriesInterner/hash(_:_:_:)`` of the names and route.
    var hash: UInt64
    /// The request; its cost is `nil` when the line has no `cost_usd`.
    var sample: MetricSample

    init(
      artefact: UnsafeRawBufferPointer, version: UnsafeRawBufferPointer, route: Route, kind: ArtefactKind,
      hash: UInt64, sample: MetricSample
    ) {
      self.artefact = artefact
      self.version = version
      self.route = route
      self.kind = kind
      self.hash = hash
      self.sample = sample
    }

    /// A placeholder for an empty place.
    init() {
      self.init(
        artefact: UnsafeRawBufferPointer(start: nil, count: 0),
        version: UnsafeRawBufferPointer(start: nil, count: 0),
        route: .stable, kind: .model, hash: 0,
        sample: MetricSample(
          timestamp: Timestamp(millisecondsSinceEpoch: 0), latencyMs: 0, status: .ok, inputTokens: 0,
          outputTokens: 0, costUSD: nil))
    }
  }

  /// An empty aggregation of a part of `path` under `options` (window,
  /// format, prices, OTLP mapping, error limit, line cap, series limit),
  /// after the series of `admitted` (the files before).
  init(path: String, options: ReplayOptions, admitted: ReplaySeriesTable = ReplaySeriesTable()) {
    self.path = path
    self.admitted = admitted
    newSeriesBudget = max(0, options.maxSeries - admitted.count)
    decoder = TelemetryLineDecoder(
      format: options.format, mapping: options.otlpMapping, prices: options.prices,
      litellm: options.litellmMapping)
    prices = options.prices
    fromMs = options.from?.millisecondsSinceEpoch ?? Int64.min
    toMs = options.to?.millisecondsSinceEpoch ?? Int64.max
    errorLimit = options.errorLimit
    maxLineBytes = options.maxLineBytes
    tryScanner = options.format == .auto || options.format == .flightdeck
    var scanner = OTLPJSONSpanScanner(mapping: options.otlpMapping, prices: options.prices)
    tryOTLPScanner =
      options.usesOTLPRecordFreePath && scanner.isEnabled
      && (options.format == .auto || options.format == .otlp)
    otlpDefaultVersion = scanner.internDefault(options.otlpMapping.defaultVersion)
    otlpScanner = scanner
    otlpVersionFromResponse = options.otlpMapping.versionKeys.contains("gen_ai.response.model")
    let dearest =
      options.prices.prices.values.map {
        max(
          $0.inputPerMillion, $0.outputPerMillion, $0.cacheReadPerMillion, $0.cacheWritePerMillion,
          $0.reasoningPerMillion)
      }.max() ?? 0
    pricedTokenCeiling = dearest > 0 ? TelemetryBounds.maxCostUSD * 1_000_000 / dearest : .infinity
  }

  /// Adds one line (see ``ChunkedLineSink/line(_:index:)``).
  mutating func line(_ bytes: UnsafeRawBufferPointer, index: Int) {
    lines = index
    var mayBeOTLP = !decoder.isPending && tryOTLPScanner
    // The FlightDeck scanner declines a line starting `{"resourceSpans":` at its first member, leaving it as is.
    if tryScanner, !decoder.isPending, !OTLPJSONSpanScanner.startsWithResourceSpans(bytes) {
      let scan = FlightDeckLineScanner.scan(bytes)
      switch scan {
      case .scanned(let s)
      where s.costUSD != nil || Double(s.inputTokens) + Double(s.outputTokens) <= pricedTokenCeiling:
        addScanned(s, bytes)
        return
      case .scanned: mayBeOTLP = false
      case .declined: break
      case .malformed(let e):
        // The decoder reads the line as another format only when a FlightDeck field is missing.
        if e.reason != TelemetryDecodeError.Reason.missing { mayBeOTLP = false }
      }
    }
    if mayBeOTLP, otlpScanner.scan(bytes) {
      linesWillMove()
      addOTLPSpans()
      otlpRecordFreeLines += 1
      return
    }
    linesWillMove()
    if !otlpTaught.isEmpty {
      otlpTaught.removeAll(keepingCapacity: true)
      otlpTaughtCache.removeAll()
    }
    absorb(decoder.decode(line: bytes), line: index)
    if decoder.isPending { openedDocument = true }
  }

  /// Adds the spans ``OTLPJSONSpanScanner`` read from a line: resolves each
  /// span's version as ``OTLPDecoder/outcome(of:resource:versions:)`` does
  /// (the span's, taught to the decoder's version memory; else the memory's;
  /// else the request model or the default), then adds it to its series.
  private mutating func addOTLPSpans() {
    for span in otlpScanner.spans {
      if span.skipped {
        skippedSpans += 1
        continue
      }
      let a = span.artefact
      let m = span.requestModel
      let pair = UInt64(UInt32(bitPattern: a)) << 32 | UInt64(UInt32(bitPattern: m &+ 1))
      var v = span.version
      if v >= 0 {
        if otlpTaughtCache.value(for: pair) == Int(v) {
          // Taught this version already.
        } else if otlpTaught[pair] == v {
          otlpTaughtCache.set(Int(v), for: pair)
        } else {
          let names = otlpScanner.names.names
          let version = names[Int(v)]
          let artefact = names[Int(a)]
          let model: String? = m >= 0 ? names[Int(m)] : nil
          decoder.learnOTLPVersion(artefact: artefact, requestModel: model, version: version)
          // Remembered only when the memory holds it (it learns no pair past its capacity).
          if decoder.otlpVersion(artefact: artefact, requestModel: model) == version {
            otlpTaught[pair] = v
            otlpTaughtCache.set(Int(v), for: pair)
          }
        }
      } else {
        let names = otlpScanner.names.names
        let model: String? = m >= 0 ? names[Int(m)] : nil
        if let learned = decoder.recallOTLPVersion(artefact: names[Int(a)], requestModel: model) {
          v = otlpScanner.intern(learned)
        } else if otlpVersionFromResponse, m >= 0 {
          v = m
        } else {
          v = otlpDefaultVersion
        }
      }
      let ms = span.sample.timestamp.millisecondsSinceEpoch
      if ms < fromMs || ms >= toMs {
        outsideWindow += 1
        continue
      }
      let key =
        UInt64(UInt32(bitPattern: a)) | UInt64(UInt32(bitPattern: v)) << 20
        | UInt64(span.route.displayOrder) << 40
      let id: Int
      if let cached = otlpSeriesCache.value(for: key) {
        id = cached
      } else if let found = otlpSeries[key] {
        id = found
        otlpSeriesCache.set(found, for: key)
      } else {
        let names = otlpScanner.names.names
        guard
          let created = seriesID(
            SeriesKey(artefact: names[Int(a)], version: names[Int(v)], route: span.route), kind: span.kind)
        else {
          overSeriesLimit += 1
          continue
        }
        otlpSeries[key] = created
        otlpSeriesCache.set(created, for: key)
        id = created
      }
      table.add(series: id, sample: span.sample)
    }
  }

  /// Adds a line the FlightDeck scanner read (see ``line(_:index:)``).
  @inline(__always)
  private mutating func addScanned(_ s: FlightDeckScan, _ bytes: UnsafeRawBufferPointer) {
    let ms = s.timestamp.millisecondsSinceEpoch
    if ms < fromMs || ms >= toMs {
      outsideWindow += 1
      return
    }
    let a = UnsafeRawBufferPointer(rebasing: bytes[s.artefactRange])
    let v = UnsafeRawBufferPointer(rebasing: bytes[s.versionRange])
    let h = SeriesInterner.hash(a, v, s.route)
    table.prefetchSlot(hash: h)
    // The oldest line is added, the two others move on a stage, and the
    // new line takes the oldest one's place.
    let place = newest == 2 ? 0 : newest + 1
    if waiting == 3 { addWaiting(place) }
    if waiting >= 2 { table.prefetchNamesAndLatencySlot(hash: waitingHash(place == 2 ? 0 : place + 1)) }
    if waiting >= 1 { table.prefetchSeries(hash: waitingHash(newest)) }
    let line = WaitingLine(
      artefact: a, version: v, route: s.route, kind: s.kind, hash: h,
      sample: MetricSample(
        timestamp: s.timestamp, latencyMs: s.latencyMs, status: s.status, inputTokens: s.inputTokens,
        outputTokens: s.outputTokens, costUSD: s.costUSD, ttftMs: s.ttftMs,
        cacheReadTokens: s.cacheReadTokens, cacheWriteTokens: s.cacheWriteTokens,
        reasoningTokens: s.reasoningTokens,
        recomputedCostUSD: TelemetryRecord.recomputed(s.recomputedCostUSD, beside: s.costUSD)))
    switch place {
    case 0: waiting0 = line
    case 1: waiting1 = line
    default: waiting2 = line
    }
    newest = place
    waiting = min(waiting + 1, 3)
  }

  /// Adds the scanned lines still waiting, in file order (see
  /// ``ChunkedLineSink/linesWillMove()``).
  mutating func linesWillMove() {
    // Oldest first: the places after the newest, in turn.
    var place = newest
    for _ in 0..<(3 - waiting) { place = place == 2 ? 0 : place + 1 }
    for _ in 0..<waiting {
      place = place == 2 ? 0 : place + 1
      addWaiting(place)
    }
    waiting = 0
  }

  /// The series hash of the line waiting in `place`.
  @inline(__always)
  private func waitingHash(_ place: Int) -> UInt64 {
    switch place {
    case 0: waiting0.hash
    case 1: waiting1.hash
    default: waiting2.hash
    }
  }

  /// Adds the line waiting in `place`.
  @inline(__always)
  private mutating func addWaiting(_ place: Int) {
    switch place {
    case 0: add(waiting0)
    case 1: add(waiting1)
    default: add(waiting2)
    }
  }

  /// Adds a waiting line to its series (created when new), pricing it from
  /// the series' price when it has no `cost_usd`; counts it in
  /// ``overSeriesLimit`` when its series is new and over the limit.
  @inline(__always)
  private mutating func add(_ line: WaitingLine) {
    guard let id = seriesID(line) else {
      overSeriesLimit += 1
      return
    }
    var sample = line.sample
    if sample.costUSD == nil, let price = seriesPrices[id] {
      sample.costUSD = price.cost(
        TokenUsage(
          inputTokens: sample.inputTokens, outputTokens: sample.outputTokens,
          cacheReadTokens: sample.cacheReadTokens, cacheWriteTokens: sample.cacheWriteTokens,
          reasoningTokens: sample.reasoningTokens))
    }
    table.add(series: id, sample: sample)
  }

  /// Counts a line over the cap (see ``ChunkedLineSink/oversizedLine(index:)``).
  mutating func oversizedLine(index: Int) {
    oversized += 1
    note(IngestError(path: path, line: index, reason: "line over the \(maxLineBytes)-byte cap, skipped"))
  }

  /// Ends the part: adds the lines still waiting, reports a multi-line
  /// document still open, and settles the table (``ReplaySeriesTable/settle()``).
  mutating func finish() {
    linesWillMove()
    if let last = decoder.finish() { absorb(last, line: lines) }
    table.settle()
    admitted = ReplaySeriesTable()
  }

  /// The series id of a scanned line, creating the series when new; `nil`
  /// when the series is new and over the series limit.
  @inline(__always)
  private mutating func seriesID(_ line: WaitingLine) -> Int? {
    let a = line.artefact
    let v = line.version
    if let found = table.lookup(artefact: a, version: v, route: line.route, hash: line.hash) { return found }
    let key = SeriesKey(artefact: TelemetryName.name(a), version: TelemetryName.name(v), route: line.route)
    return create(key, kind: line.kind, artefact: a, version: v, hash: line.hash)
  }

  /// The series id of a decoded record, creating the series when new; `nil`
  /// when the series is new and over the series limit.
  private mutating func seriesID(_ record: TelemetryRecord) -> Int? {
    seriesID(record.seriesKey, kind: record.kind)
  }

  /// The series id of `key`, creating the series (of `kind`) when new;
  /// `nil` when the series is new and over the series limit.
  private mutating func seriesID(_ key: SeriesKey, kind: ArtefactKind) -> Int? {
    ReplaySeriesTable.withBytes(of: key) { a, v in
      let (found, h) = table.lookup(artefact: a, version: v, route: key.route)
      if let found { return found }
      return create(key, kind: kind, artefact: a, version: v, hash: h)
    }
  }

  /// Creates the series `key` (not in the table), or returns `nil` when the
  /// series limit refuses it.
  private mutating func create(
    _ key: SeriesKey, kind: ArtefactKind, artefact a: UnsafeRawBufferPointer,
    version v: UnsafeRawBufferPointer,
    hash h: UInt64
  ) -> Int? {
    if admitted.isEmpty || !admitted.contains(key) {
      guard newSeries < newSeriesBudget else { return nil }
      newSeries += 1
    }
    let id = table.insert(key, kind: kind, artefact: a, version: v, hash: h)
    seriesPrices.append(
      prices.prices.isEmpty ? nil : prices.price(for: key.artefact) ?? prices.price(for: key.version))
    return id
  }

  private mutating func note(_ e: IngestError) {
    if errors.count < errorLimit { errors.append(e) }
  }

  private mutating func absorb(_ result: TelemetryDecodeResult, line: Int) {
    skippedSpans += result.skippedSpans
    for r in result.records {
      let ms = r.timestamp.millisecondsSinceEpoch
      if ms < fromMs || ms >= toMs {
        outsideWindow += 1
        continue
      }
      guard let id = seriesID(r) else {
        overSeriesLimit += 1
        continue
      }
      table.add(series: id, sample: MetricSample(r))
    }
    for error in result.errors {
      malformed += 1
      note(
        IngestError(
          path: path, line: line - error.linesBeforeCurrent, field: error.field, reason: error.reason))
    }
  }
}
