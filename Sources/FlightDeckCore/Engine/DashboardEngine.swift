import Logging

/// The live engine: tails telemetry sources, decodes, aggregates, and
/// answers immutable snapshots.
///
/// Single-threaded by design: the run loop calls ``pump()`` when
/// ``nextPollDue`` has passed and ``snapshot()`` when it needs a frame; both
/// run on the loop's thread, so the engine holds no locks. Time comes from the
/// injected clock only.
///
/// The window normally ends at the clock's "now". When the store has no
/// record in that window's buckets but has records, it ends at the newest
/// record instead, and the snapshot's `anchor` says why: `.historic` when the
/// records are older (a historic file), `.aheadOfClock` when they are all
/// dated after the window (clock skew). Records more than one bucket ahead of
/// the clock are counted in `IngestSummary.aheadOfClockRecords`; records more
/// than ``EngineOptions/maxAheadOfClockMs`` ahead are counted in
/// `farFutureRecords` and dropped.
public final class DashboardEngine {
  /// The options the engine was started with.
  public let options: EngineOptions
  private let clock: any FlightDeckClock
  private let logger: Logger
  private let tailer: Tailer
  private var store: MetricsStore
  private var decoders: [String: TelemetryLineDecoder] = [:]
  /// When each source last delivered a line (engine clock) and that line's
  /// number, for closing a multi-line document that stopped growing
  /// (``pendingDocumentIdleMs``) with its errors located.
  private var lastLineAt: [String: (at: Timestamp, line: Int)] = [:]
  private var ingest = IngestSummary()
  private var perSource: [String: SourceCounters] = [:]
  private var rateWindow = EventRateWindow(seconds: 5)
  private var paused = false
  private var frozen: DashboardSnapshot?
  private var selected: String?
  private var lastPoll: Timestamp?
  private var changedSinceSnapshot = true
  /// Whether anything but the selection changed since the last snapshot
  /// (the selection alone needs only its charts added to the last one).
  private var dataChangedSinceSnapshot = true
  /// The last snapshot built (not frozen), for a selection-only change.
  private var lastBuilt: DashboardSnapshot?
  private var backlog = false
  private let chartCache = ChartQuantileCache()
  private let mergeCache = WindowMergeCache()
  /// Keeps each series' and artefact's figures between snapshots, so a
  /// snapshot costs what changed since the last one.
  private let snapshotBuilder: IncrementalSnapshotBuilder
  /// Records held for later (``EngineOptions/holdRecordsAfterClock``), in
  /// arrival order; `heldSorted` says whether they are in timestamp order.
  private var held: [TelemetryRecord] = []
  private var heldSorted = true
  private var alerts: AlertEngine?

  /// Called with every record the engine admits into its metrics windows,
  /// on the engine's thread, in ingestion order — what a `/metrics`
  /// exposition counts (requests, errors, latency, tokens, cost since the
  /// process started), so its counters agree with the windows and with
  /// `replay` over the same lines. Records dropped on purpose (too far ahead
  /// of the clock, over the series limit, held for later) are not passed
  /// until admitted. `nil` (the default) costs nothing.
  public var recordObserver: ((TelemetryRecord) -> Void)?

  /// Told, per decoded batch of a followed source, how many records it
  /// gave and how many of its lines were malformed — the same counts as
  /// the source's status (``SourceStatus``) — for a `/metrics` exposition.
  /// `nil` (the default) costs nothing.
  public var sourceObserver: (any TelemetrySourceObserver)?

  /// What the decoders learned per source; the tailer's own status already
  /// carries the state, oversized lines, rotations and detail.
  private struct SourceCounters {
    var records = 0
    var malformed = 0
  }

  /// Creates an engine following `patterns` (files, globs, directories).
  ///
  /// Nothing is read until the first ``pump()``.
  ///
  /// - Parameters:
  ///   - logger: Receives source events (opened, rotated, truncated, read
  ///     errors); swift-log's convention is that libraries take a logger
  ///     rather than make one. Defaults to one that discards everything.
  ///   - alerts: the alert rules and SLOs to evaluate on the engine clock
  ///     (``AlertEngine``); the metrics retention is raised to their longest
  ///     window (``EngineOptions/fitMetricsToAlerts(_:)``).
  public init(
    patterns: [String], options: EngineOptions = EngineOptions(), clock: any FlightDeckClock,
    logger: Logger = Logger(label: "flightdeck.engine", factory: { _ in SwiftLogNoOpLogHandler() }),
    alerts: AlertEngine? = nil
  ) {
    var options = options
    if let alerts { options.fitMetricsToAlerts(alerts) }
    self.alerts = alerts
    self.options = options
    self.clock = clock
    self.logger = logger
    self.store = MetricsStore(configuration: options.metrics)
    self.snapshotBuilder = IncrementalSnapshotBuilder(windowMs: options.windowMs)
    var tailOptions = TailerOptions()
    tailOptions.pollIntervalMs = options.pollIntervalMs
    tailOptions.maxLineBytes = options.maxLineBytes
    tailOptions.since = clock.now().adding(milliseconds: -options.sinceMs)
    tailOptions.timestampProbe = TimestampProbe.jsonTS
    tailOptions.staleFileHistoryMs = options.sinceMs
    // A partial last line on a file quiet for 4 polls (≈ 1 s at 250 ms) is a
    // complete document without its final newline: deliver it.
    tailOptions.idleFlushPolls = 4
    tailOptions.maxOpenFiles = options.maxOpenFiles
    self.tailer = Tailer(patterns: patterns, options: tailOptions)
  }

  /// When the files should next be polled: right away when the last poll
  /// stopped at its per-poll byte limit with more to read, else one poll
  /// interval after the last poll.
  public var nextPollDue: Timestamp {
    guard let lastPoll else { return Timestamp(millisecondsSinceEpoch: .min / 2) }
    return backlog ? lastPoll : lastPoll.adding(milliseconds: Int64(options.pollIntervalMs))
  }

  /// Whether the last ``snapshot()`` gave the snapshot before it back
  /// unchanged (the same value, its arrays shared): nothing was ingested
  /// and no command came since, and the window still ends where it did
  /// (a historic file's newest record), with the same ingest summary and
  /// alert evaluation. A tick that changed nothing then costs no build,
  /// and the caller need not draw.
  public private(set) var lastSnapshotUnchanged = false

  /// Whether something changed since the last ``snapshot()``.
  public var hasChanges: Bool { changedSinceSnapshot }

  /// Whether the next ``snapshot()`` is cheap: paused (the frozen one), or
  /// only the selection changed since the last one (its charts are added to
  /// it). Otherwise it is a build, whose cost grows with what changed and,
  /// for the rates, with the artefacts (``IncrementalSnapshotBuilder``).
  public var nextSnapshotIsCheap: Bool {
    (paused && frozen != nil) || (changedSinceSnapshot && !dataChangedSinceSnapshot && lastBuilt != nil)
  }

  /// Polls every source once and ingests what arrived.
  ///
  /// - Returns: `true` when anything changed (records, errors, source states).
  @discardableResult
  public func pump() -> Bool {
    lastPoll = clock.now()
    var changed = releaseHeld()
    backlog = tailer.poll { event in
      if self.handle(event) { changed = true }
    }
    if finishIdleDocuments() { changed = true }
    if evaluateAlertsIfDue() { changed = true }
    if changed { markChanged() }
    return changed
  }

  /// How long (engine clock, ms) a source's multi-line JSON document may go
  /// without a new line before it is closed as it stands: an exporter writes
  /// a document at once, so a document still open after this is a stray `[`
  /// or `{` line, or a writer that died mid-document. Closing it decodes
  /// what it holds the way the end of a file does
  /// (``TelemetryLineDecoder/finish()``: an unfinished document's lines are
  /// read one by one), so a live source never holds its later lines back
  /// until the document's 16 MiB bound.
  public static let pendingDocumentIdleMs: Int64 = 5_000

  /// Closes the pending documents of sources quiet for
  /// ``pendingDocumentIdleMs``; returns whether any was closed.
  private func finishIdleDocuments() -> Bool {
    guard !backlog else { return false }
    let now = clock.now()
    var closed = false
    // Only the sources with an open document, usually none: no sort of every
    // source on each poll.
    for path in decoders.compactMap({ $0.value.isPending ? $0.key : nil }).sorted() {
      guard let last = lastLineAt[path], now.milliseconds(since: last.at) >= Self.pendingDocumentIdleMs,
        let result = decoders[path]?.finish()
      else { continue }
      absorb(result, path: path, line: last.line)
      closed = true
    }
    return closed
  }

  /// Evaluates the alert rules when their interval has passed on the clock.
  /// - Returns: whether any instance changed state.
  private func evaluateAlertsIfDue() -> Bool {
    guard var a = alerts else { return false }
    let before = a.pendingTransitions.count
    a.tick(now: clock.now(), store: store)
    alerts = a
    return a.pendingTransitions.count != before
  }

  /// Evaluates the alert rules at every evaluation interval over the last
  /// `overMs` up to the clock's now, on the records already ingested, and
  /// drops the transitions: a still frame (`flightdeck render --at`) then
  /// shows the states the rules had reached at that instant (firing after
  /// `for`, resolved, pending) rather than those of a first evaluation.
  public func catchUpAlerts(overMs: Int64) {
    guard var a = alerts else { return }
    let now = clock.now()
    let step = max(1_000, a.intervalMs)
    var t = now.adding(milliseconds: -max(0, overMs))
    while t < now {
      a.evaluate(now: t, store: store)
      t = t.adding(milliseconds: step)
    }
    a.evaluate(now: now, store: store)
    _ = a.takeTransitions()
    alerts = a
    markChanged()
  }

  /// Returns and clears the alert transitions since the last call, for the
  /// caller to persist (``RegistryCommand/recordAlertTransitions(_:)``).
  public func takeAlertTransitions() -> [AlertTransition] {
    alerts?.takeTransitions() ?? []
  }

  /// Gives the alert engine the silences in force and the stored instances'
  /// acknowledgements (the caller reads both from the registry store when
  /// its change token moves).
  public func updateAlertState(silences: [AlertSilence], stored: [AlertInstance]) {
    alerts?.setSilences(silences)
    alerts?.mergeAcknowledgements(from: stored)
    markChanged()
  }

  /// Replaces the rules of a reloaded rules file (only call with a file
  /// that loaded without errors: a bad file keeps the last good rules).
  public func replaceAlertRules(_ groups: [AlertRuleGroup]) {
    alerts?.replaceRules(groups)
    markChanged()
  }

  /// Reads every source to its end, delivering a last line without newline
  /// and closing pending multi-line documents (batch use: `render`).
  public func drain() {
    lastPoll = clock.now()
    _ = tailer.poll { event in _ = self.handle(event) }
    tailer.finish { event in _ = self.handle(event) }
    for path in decoders.keys.sorted() {
      if let result = decoders[path]?.finish() { absorb(result, path: path, line: 0) }
    }
    markChanged()
  }

  /// Applies a command from the user interface.
  public func apply(_ command: EngineCommand) {
    switch command {
    case .setPaused(let p):
      if p && !paused { frozen = buildSnapshot() }
      if !p { frozen = nil }
      paused = p
      dataChangedSinceSnapshot = true
    case .selectArtefact(let name):
      guard name != selected else { return }
      selected = name
      // At or under the limit every snapshot charts every artefact already.
      guard store.artefactCount > DashboardEngine.chartAllArtefactsLimit else { return }
    }
    changedSinceSnapshot = true
  }

  /// Notes a change that needs a whole new snapshot.
  private func markChanged() {
    changedSinceSnapshot = true
    dataChangedSinceSnapshot = true
  }

  /// The current snapshot (the frozen one while paused).
  ///
  /// When only the selection changed since the last one (no record, error,
  /// rule or state change), the last snapshot is given back with the new
  /// selection's charts in place of the old selection's (``IncrementalSnapshotBuilder/addingCharts(of:to:store:cache:)``):
  /// a key press then costs one artefact's charts, not a build over every
  /// series. Otherwise the snapshot is built from what changed since the
  /// last one (``IncrementalSnapshotBuilder``): the series that received
  /// records and those the window's edges moved past.
  public func snapshot() -> DashboardSnapshot {
    defer {
      changedSinceSnapshot = false
      dataChangedSinceSnapshot = false
    }
    lastSnapshotUnchanged = false
    if paused, let frozen { return frozen }
    if !changedSinceSnapshot, let last = lastBuilt, isUnchanged(last) {
      lastSnapshotUnchanged = true
      return last
    }
    if changedSinceSnapshot, !dataChangedSinceSnapshot, let last = lastBuilt {
      // At or under the limit every artefact's charts are there already.
      guard let selected, store.artefactCount > DashboardEngine.chartAllArtefactsLimit else { return last }
      var base = last
      base.charts = [:]
      let snap = snapshotBuilder.addingCharts(of: selected, to: base, store: store, cache: chartCache)
      lastBuilt = snap
      return snap
    }
    let snap = buildSnapshot()
    lastBuilt = snap
    return snap
  }

  /// Whether a snapshot built now would equal `last`: nothing was ingested
  /// and no command came since it (the caller checks), and the window
  /// ends where it ended (a historic file's newest record, not the moving
  /// clock), the ingest summary and the alerts' last evaluation are the
  /// same. O(sources + recent errors), no series visited.
  private func isUnchanged(_ last: DashboardSnapshot) -> Bool {
    let now = clock.now()
    let (end, anchor) = windowEnd(now: now)
    guard end == last.now, anchor == last.anchor, alerts?.lastEvaluation == last.alertsEvaluatedAt else {
      return false
    }
    return ingestSummary(now: now) == last.ingest
  }

  /// The ingest summary as of `now`.
  private func ingestSummary(now: Timestamp) -> IngestSummary {
    var summary = ingest
    summary.sources = tailer.sourceStatuses.map { status in
      var s = status
      if let c = perSource[s.path] {
        s.records = c.records
        s.malformedLines = c.malformed
      }
      return s
    }
    summary.eventsPerSecond = rateWindow.rate(at: now)
    summary.lateRecords = store.lateRecords
    summary.seriesLimit = options.maxSeries
    summary.sourcesOverOpenFileLimit = tailer.sourcesOverOpenFileLimit
    summary.openFileLimit = tailer.openFileBudget
    return summary
  }

  /// Where the window ends as of `now`, and why (see the type's overview).
  private func windowEnd(now: Timestamp) -> (end: Timestamp, anchor: WindowAnchor) {
    let builder = SnapshotBuilder(windowMs: options.windowMs)
    if let newest = store.newest {
      let (from, to) = builder.windowBounds(now: now, bucketWidthMs: store.configuration.bucketWidthMs)
      if !store.hasRecords(from: from, to: to) {
        return (newest.adding(milliseconds: 1), newest < now ? .historic : .aheadOfClock)
      }
    }
    return (now, .clock)
  }

  private func buildSnapshot() -> DashboardSnapshot {
    let now = clock.now()
    let summary = ingestSummary(now: now)
    let (end, anchor) = windowEnd(now: now)
    var snap = snapshotBuilder.build(
      store: &store, ingest: summary, now: end, chartArtefacts: chartArtefacts(), cache: chartCache,
      mergeCache: mergeCache)
    snap.anchor = anchor
    if let alerts {
      snap.alerts = alerts.instances
      snap.slos = alerts.sloStatuses
      snap.alertsEvaluatedAt = alerts.lastEvaluation
      snap.alertRuleCount = alerts.evaluator.rules.count
    }
    return snap
  }

  /// Above this many artefacts only the selected artefact's charts are
  /// computed: a high-cardinality file (thousands of artefacts) would
  /// otherwise pay for thousands of chart series per snapshot that nobody
  /// looks at; with nothing selected yet (the first snapshot), none is
  /// charted, and the selection that follows adds its artefact's charts
  /// (``snapshot()``). Up to it, every artefact's charts are ready, so
  /// moving the selection never shows an empty chart for a frame.
  public static let chartAllArtefactsLimit = 20

  private func chartArtefacts() -> Set<String>? {
    guard store.artefactCount > DashboardEngine.chartAllArtefactsLimit else { return nil }
    return selected.map { [$0] } ?? []
  }

  private func handle(_ event: TailEvent) -> Bool {
    switch event {
    case .line(let path, let lineNumber, let bytes):
      if decoders[path] == nil {
        decoders[path] = TelemetryLineDecoder(
          format: options.format, mapping: options.otlpMapping, prices: options.prices,
          litellm: options.litellmMapping)
      }
      let result = decoders[path]!.decode(line: bytes)
      lastLineAt[path] = (clock.now(), lineNumber)
      absorb(result, path: path, line: lineNumber)
      return true
    case .oversized(let path, let lineNumber, let byteCount):
      ingest.oversizedLines += 1
      noteError(
        IngestError(
          path: path, line: lineNumber,
          reason: "line of \(byteCount) bytes over the \(options.maxLineBytes)-byte cap, skipped"))
      return true
    case .incomplete(let path, let lineNumber, let byteCount):
      noteError(
        IngestError(
          path: path, line: lineNumber,
          reason: "\(byteCount) bytes of an unfinished line skipped (the file was truncated or rotated, "
            + "or the line had already been taken without its newline)"))
      return true
    case .rotated(let path, let detail), .truncated(let path, let detail):
      logger.info(
        "source rotated or truncated", metadata: ["path": .string(path), "detail": .string(detail)])
      decoders[path] = nil
      lastLineAt[path] = nil
      return true
    case .readError(let path, let message):
      logger.warning("read error", metadata: ["path": .string(path), "error": .string(message)])
      noteError(IngestError(path: path, line: 0, reason: message))
      return true
    case .opened(let path, let offset, _):
      logger.info("source opened", metadata: ["path": .string(path), "offset": .stringConvertible(offset)])
      return true
    case .waiting(let path):
      logger.info("source waiting", metadata: ["path": .string(path)])
      return true
    }
  }

  private func absorb(_ result: TelemetryDecodeResult, path: String, line: Int) {
    ingest.skippedSpans += result.skippedSpans
    if !result.records.isEmpty {
      let now = clock.now()
      let aheadFrom = now.millisecondsSinceEpoch + store.configuration.bucketWidthMs
      let dropFrom = now.millisecondsSinceEpoch + options.maxAheadOfClockMs
      for r in result.records {
        let ts = r.timestamp.millisecondsSinceEpoch
        if options.holdRecordsAfterClock && ts > now.millisecondsSinceEpoch {
          if let last = held.last, last.timestamp > r.timestamp { heldSorted = false }
          held.append(r)
          continue
        }
        if ts > dropFrom {
          ingest.farFutureRecords += 1
          continue
        }
        // Dropped on purpose (a frame "as of" an instant): not an ingest problem.
        if options.dropRecordsAfterClock && ts > now.millisecondsSinceEpoch { continue }
        if ts > aheadFrom { ingest.aheadOfClockRecords += 1 }
        guard admits(r, path: path, line: line) else { continue }
        store.record(r)
        recordObserver?(r)
      }
      rateWindow.add(at: now, count: result.records.count)
      ingest.recordsTotal += result.records.count
      perSource[path, default: SourceCounters()].records += result.records.count
    }
    if !result.records.isEmpty || !result.errors.isEmpty {
      sourceObserver?.sourceDecoded(
        source: path, records: result.records.count, malformedLines: result.errors.count)
    }
    for error in result.errors {
      ingest.malformedLines += 1
      perSource[path, default: SourceCounters()].malformed += 1
      noteError(
        IngestError(
          path: path, line: max(0, line - error.linesBeforeCurrent), field: error.field, reason: error.reason)
      )
    }
  }

  /// Moves the held records the clock has reached into the store.
  /// - Returns: whether any was released.
  private func releaseHeld() -> Bool {
    guard !held.isEmpty else { return false }
    if !heldSorted {
      held.sort { $0.timestamp < $1.timestamp }
      heldSorted = true
    }
    let now = clock.now()
    let due = held.prefix { $0.timestamp <= now }
    guard !due.isEmpty else { return false }
    for r in due where admits(r, path: "", line: 0) {
      store.record(r)
      recordObserver?(r)
    }
    rateWindow.add(at: now, count: due.count)
    held.removeFirst(due.count)
    return true
  }

  /// Whether `record` may go into the store: its series exists, or the
  /// store holds fewer than ``EngineOptions/maxSeries``. A refused record is
  /// counted in `IngestSummary.overSeriesLimitRecords`; the first refusal
  /// is also listed as an ingest error naming its file and line.
  private func admits(_ record: TelemetryRecord, path: String, line: Int) -> Bool {
    if store.seriesCount < options.maxSeries || store.hasSeries(record.seriesKey) { return true }
    ingest.overSeriesLimitRecords += 1
    if ingest.overSeriesLimitRecords == 1 {
      noteError(
        IngestError(
          path: path, line: line,
          reason: "over the series limit: \(options.maxSeries) series kept ([metrics] max_series); "
            + "records of new series are counted and dropped"))
    }
    return false
  }

  /// Records held for a replay, not yet reached by the clock.
  public var heldRecordCount: Int { held.count }

  private func noteError(_ e: IngestError) {
    alerts?.noteIngestErrors(at: clock.now())
    ingest.recentErrors.append(e)
    if ingest.recentErrors.count > options.recentErrorLimit {
      ingest.recentErrors.removeFirst(ingest.recentErrors.count - options.recentErrorLimit)
    }
  }
}
