/// Aggregates the lines of one part of one file: one thread's share of a
/// replay (see ``ReplayAggregator``).
///
/// Lines the scanner reads (``FlightDeckLineScanner``) go straight into their
/// series' bucket: the series is found from the raw name bytes by a
/// ``SeriesInterner``, and a missing `cost_usd` is priced from a per-series
/// cache of the price table's answer (the rule of
/// `FlightDeckScan.record(line:prices:)`: the artefact's price, else the
/// version's), so no `String`, `Array` or `TelemetryRecord` is made for them.
/// Lines the scanner declines or finds malformed, and every line while a
/// multi-line OTLP document is being collected, go through
/// ``TelemetryLineDecoder`` exactly as on the live path.
struct ReplayPartAggregator: ChunkedLineSink, Sendable {
  /// The file, for error locations.
  let path: String
  /// Per-series totals of the records inside the window.
  private(set) var table = ReplaySeriesTable()
  /// Records outside `[from, to)`.
  private(set) var outsideWindow = 0
  /// Malformed lines (or OTLP spans / documents).
  private(set) var malformed = 0
  /// Lines over the length cap.
  private(set) var oversized = 0
  /// OTLP spans without GenAI attributes.
  private(set) var skippedSpans = 0
  /// Lines seen in the part (the index of the last one).
  private(set) var lines = 0
  /// The first located errors, up to the options' limit; lines are 1-based
  /// within the part.
  private(set) var errors: [IngestError] = []

  private var interner = SeriesInterner()
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

  /// An empty aggregation of a part of `path` under `options` (window,
  /// format, prices, OTLP mapping, error limit, line cap).
  init(path: String, options: ReplayOptions) {
    self.path = path
    decoder = TelemetryLineDecoder(
      format: options.format, mapping: options.otlpMapping, prices: options.prices)
    prices = options.prices
    fromMs = options.from?.millisecondsSinceEpoch ?? Int64.min
    toMs = options.to?.millisecondsSinceEpoch ?? Int64.max
    errorLimit = options.errorLimit
    maxLineBytes = options.maxLineBytes
    tryScanner = options.format != .otlp
  }

  /// Adds one line (see ``ChunkedLineSink/line(_:index:)``).
  mutating func line(_ bytes: UnsafeRawBufferPointer, index: Int) {
    lines = index
    if tryScanner, !decoder.isPending, case .scanned(let s) = FlightDeckLineScanner.scan(bytes) {
      let ms = s.timestamp.millisecondsSinceEpoch
      if ms < fromMs || ms >= toMs {
        outsideWindow += 1
        return
      }
      let id = seriesID(s, bytes)
      let usage = s.usage
      let cost = s.costUSD ?? seriesPrices[id]?.cost(usage)
      table.add(
        series: id,
        sample: MetricSample(
          timestamp: s.timestamp, latencyMs: s.latencyMs, status: s.status, inputTokens: s.inputTokens,
          outputTokens: s.outputTokens, costUSD: cost, ttftMs: s.ttftMs,
          cacheReadTokens: usage.cacheReadTokens,
          cacheWriteTokens: usage.cacheWriteTokens, reasoningTokens: usage.reasoningTokens))
      return
    }
    absorb(decoder.decode(line: bytes), line: index)
  }

  /// Counts a line over the cap (see ``ChunkedLineSink/oversizedLine(index:)``).
  mutating func oversizedLine(index: Int) {
    oversized += 1
    note(IngestError(path: path, line: index, reason: "line over the \(maxLineBytes)-byte cap, skipped"))
  }

  /// Ends the part: reports a multi-line document still open.
  mutating func finish() {
    if let last = decoder.finish() { absorb(last, line: lines) }
  }

  /// The series id of a scanned line, interning the series when new.
  private mutating func seriesID(_ s: FlightDeckScan, _ line: UnsafeRawBufferPointer) -> Int {
    let a = UnsafeRawBufferPointer(rebasing: line[s.artefactRange])
    let v = UnsafeRawBufferPointer(rebasing: line[s.versionRange])
    let (found, h) = interner.lookup(artefact: a, version: v, route: s.route)
    if let found { return found }
    let key = SeriesKey(
      artefact: TelemetryName.name(a), version: TelemetryName.name(v),
      route: s.route)
    let id = table.id(for: key, kind: s.kind)
    interner.insert(artefact: a, version: v, route: s.route, hash: h, id: id)
    while seriesPrices.count <= id { seriesPrices.append(nil) }
    if !prices.prices.isEmpty {
      seriesPrices[id] = prices.price(for: key.artefact) ?? prices.price(for: key.version)
    }
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
      table.add(r)
    }
    for error in result.errors {
      malformed += 1
      note(
        IngestError(
          path: path, line: line - error.linesBeforeCurrent, field: error.field, reason: error.reason))
    }
  }
}
