extension FlightDeckScan {
  /// The scan as a `TelemetryRecord`, making `String`s from the byte ranges
  /// (names in NFC, see ``TelemetryName``).
  ///
  /// - Parameters:
  ///   - line: the same buffer that was scanned.
  ///   - prices: used when the line had no `cost_usd`: cost =
  ///     `PriceTable.cost(model:usage:)` (cached and reasoning tokens at their
  ///     own rates) for the artefact name, then for the version label; `nil`
  ///     (unknown) when neither is priced.
  ///
  /// `recomputed_cost_usd` is kept only beside a written `cost_usd` that it
  /// differs from (``TelemetryRecord/recomputedCostUSD``).
  public func record(line: UnsafeRawBufferPointer, prices: PriceTable) -> TelemetryRecord {
    @inline(__always) func text(_ r: Range<Int>) -> String {
      TelemetryName.name(UnsafeRawBufferPointer(rebasing: line[r]))
    }
    let artefact = text(artefactRange)
    let version = text(versionRange)
    let cost =
      costUSD
      ?? prices.recordCost(artefact: artefact, version: version, usage: usage)
    return TelemetryRecord(
      timestamp: timestamp, requestID: text(requestIDRange), artefact: artefact, kind: kind,
      version: version, route: route, latencyMs: latencyMs, inputTokens: inputTokens,
      outputTokens: outputTokens, costUSD: cost, status: status, ttftMs: ttftMs,
      sessionID: sessionIDRange.map(text), errorType: errorTypeRange.map(text), guardrail: guardrail,
      score: score, provider: providerRange.map(text), cacheReadTokens: cacheReadTokens,
      cacheWriteTokens: cacheWriteTokens, reasoningTokens: reasoningTokens,
      recomputedCostUSD: TelemetryRecord.recomputed(recomputedCostUSD, beside: costUSD))
  }
}
