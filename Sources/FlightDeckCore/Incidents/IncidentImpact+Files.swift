extension IncidentImpact {
  /// Measures `incident`'s impact from telemetry files, read once with
  /// ``TelemetryFileScan``: the linked artefacts' requests (every artefact's
  /// when none is linked) in ``window(of:now:)`` and the `baselineMs` before;
  /// an incident still open is measured up to the newest record in its
  /// window (``endingAtTelemetry()``).
  /// - Parameters:
  ///   - paths: Files (`-` is standard input), already expanded from folders.
  ///   - options: Format, OTLP mapping, prices and line cap for the decoder.
  ///   - baselineMs: Baseline window length in ms (default 1 h).
  ///   - slo: The availability SLO for the error budget, if any.
  /// - Returns: The impact and what the scan read.
  /// - Throws: ``ChunkedLineReader/ReadError`` when a file cannot be read.
  public static func measure(
    incident: Incident, now: Timestamp, paths: [String], options: EngineOptions = EngineOptions(),
    baselineMs: Int64 = 3_600_000, slo: RetroSLO? = nil
  ) throws -> (impact: IncidentImpact, scan: TelemetryFileScan.Summary) {
    let (from, to) = window(of: incident, now: now)
    var impact = IncidentImpact(
      from: from, to: to, baselineMs: baselineMs, artefacts: incident.links.allArtefacts, slo: slo)
    let scan = try TelemetryFileScan.scan(paths: paths, options: options) { impact.add($0) }
    // Still open: measured up to the newest record, not to `now`.
    if incident.resolvedAt == nil { impact = impact.endingAtTelemetry() }
    return (impact, scan)
  }
}
