extension AnalysisSampleCollector {
  /// Reads telemetry files once and collects `artefact`'s requests over the
  /// `windowMs` ms ending at `end` — by default just after the artefact's
  /// newest request, so a finished or historic file is judged as of its end.
  ///
  /// Streams: with `end` given, each record goes straight to the collector
  /// (memory: the collector's reservoirs). Without it, the window's end is
  /// known only at the end of the files, so the artefact's records are held
  /// in file order, and from time to time those older than the newest
  /// request seen so far minus the window are dropped: they cannot fall in
  /// the final window, which ends after that newest request. Memory is then
  /// at most about twice the artefact's records in one window (as of the
  /// newest request), whatever the length of the files. The records reach
  /// the collector in file order either way, so its reservoirs, and every
  /// sample, are those of a collector fed the whole files.
  ///
  /// - Parameters:
  ///   - paths: Files (`-` is standard input), already expanded from folders.
  ///   - options: Format, OTLP mapping, prices and line cap for the decoder.
  ///   - artefact: The artefact judged.
  ///   - windowMs: The analysis window, in ms (≥ 1).
  ///   - end: The window's exclusive end; `nil` uses the newest request + 1 ms.
  /// - Returns: The collector (`nil` when the files hold no request of the
  ///   artefact) and what the scan read (records, malformed lines).
  /// - Throws: ``ChunkedLineReader/ReadError`` when a file cannot be read.
  public static func collect(
    paths: [String], options: EngineOptions = EngineOptions(), artefact: String, windowMs: Int64,
    end: Timestamp? = nil
  ) throws -> (collector: AnalysisSampleCollector?, scan: TelemetryFileScan.Summary) {
    let window = max(1, windowMs)
    if let end {
      var collector = AnalysisSampleCollector(
        artefact: artefact, from: end.adding(milliseconds: -window), to: end)
      var seen = false
      let scan = try TelemetryFileScan.scan(paths: paths, options: options) { r in
        guard r.artefact == artefact else { return }
        seen = true
        collector.add(r)
      }
      return (seen ? collector : nil, scan)
    }
    var held = WindowHold(windowMs: window)
    let scan = try TelemetryFileScan.scan(paths: paths, options: options) { r in
      if r.artefact == artefact { held.add(r) }
    }
    guard let newest = held.newest else { return (nil, scan) }
    let to = newest.adding(milliseconds: 1)
    var collector = AnalysisSampleCollector(
      artefact: artefact, from: to.adding(milliseconds: -window), to: to)
    for r in held.records { collector.add(r) }
    return (collector, scan)
  }
}
