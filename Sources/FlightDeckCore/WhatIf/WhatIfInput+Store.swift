extension WhatIfInput {
  /// The input for `artefact` over the window of `windowMs` ending at `end`,
  /// as the dashboard would show it at that instant: the window's bounds and
  /// the rates' seconds are ``SnapshotBuilder``'s (the window rounded out to
  /// whole buckets; rates over the time the artefact's user-facing data
  /// covers, at least a minute), and each leg merges the window's buckets of
  /// every version on its route.
  ///
  /// - Returns: `nil` when `artefact` has no request (on any route) in the
  ///   window.
  public init?(store: MetricsStore, artefact: String, windowMs: Int64, end: Timestamp) {
    let builder = SnapshotBuilder(windowMs: windowMs)
    let (from, to) = builder.windowBounds(now: end, bucketWidthMs: store.configuration.bucketWidthMs)
    var legs: [Route: (versions: [String], bucket: MetricBucket)] = [:]
    let keys = store.seriesKeys.filter { $0.artefact == artefact }.sorted()
    for key in keys {
      guard let bucket = store.mergedBucket(for: key, from: from, to: to) else { continue }
      if var leg = legs[key.route] {
        leg.versions.append(key.version)
        leg.bucket.merge(bucket)
        legs[key.route] = leg
      } else {
        legs[key.route] = ([key.version], bucket)
      }
    }
    guard !legs.isEmpty else { return nil }
    let snapshot = builder.build(store: store, ingest: IngestSummary(), now: end, chartArtefacts: [])
    let seconds =
      snapshot.artefacts.first { $0.name == artefact }?.total.windowSeconds
      ?? max(0.001, Double(end.milliseconds(since: from)) / 1000)
    self.init(
      artefact: artefact, stable: legs[.stable].map { WhatIfLeg(versions: $0.versions, bucket: $0.bucket) },
      canary: legs[.canary].map { WhatIfLeg(versions: $0.versions, bucket: $0.bucket) },
      shadow: legs[.shadow].map { WhatIfLeg(versions: $0.versions, bucket: $0.bucket) },
      windowSeconds: seconds, windowStart: from, windowEnd: to)
  }
}
