extension KPITelemetry {
  /// Reads telemetry files once (``TelemetryFileScan``) into a tally for `[from, to)`.
  /// - Parameters:
  ///   - paths: Files (`-` is standard input), already expanded from folders.
  ///   - options: Format, OTLP mapping, prices and line cap for the decoder.
  ///   - latencyThresholdMs: The latency SLO threshold in ms, if any.
  ///   - latencyArtefact: The artefact whose requests count for attainment (`nil`: all).
  /// - Returns: The tally and what the scan read.
  /// - Throws: ``ChunkedLineReader/ReadError`` when a file cannot be read.
  public static func read(
    paths: [String], options: EngineOptions = EngineOptions(), from: Timestamp, to: Timestamp,
    latencyThresholdMs: Double?, latencyArtefact: String? = nil
  ) throws -> (telemetry: KPITelemetry, scan: TelemetryFileScan.Summary) {
    var t = KPITelemetry(
      from: from, to: to, latencyThresholdMs: latencyThresholdMs, latencyArtefact: latencyArtefact)
    let scan = try TelemetryFileScan.scan(paths: paths, options: options) { t.add($0) }
    return (t, scan)
  }
}
