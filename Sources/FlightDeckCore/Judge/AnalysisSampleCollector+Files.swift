extension AnalysisSampleCollector {
  /// Reads telemetry files once and collects `artefact`'s requests over the
  /// `windowMs` ms ending at `end` — by default just after the artefact's
  /// newest request, so a finished or historic file is judged as of its end.
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
    var records: [TelemetryRecord] = []
    let scan = try TelemetryFileScan.scan(paths: paths, options: options) { r in
      if r.artefact == artefact { records.append(r) }
    }
    guard let newest = records.map(\.timestamp).max() else { return (nil, scan) }
    let to = end ?? newest.adding(milliseconds: 1)
    var collector = AnalysisSampleCollector(
      artefact: artefact, from: to.adding(milliseconds: -max(1, windowMs)), to: to)
    for r in records { collector.add(r) }
    return (collector, scan)
  }
}
