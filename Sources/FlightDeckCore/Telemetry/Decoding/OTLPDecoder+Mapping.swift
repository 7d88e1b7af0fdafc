/// The GenAI mapping proper: one checked span (``OTLPSpanFields``) and its
/// resource's attributes → a record, a skip or a rejection. Both OTLP
/// decoders call it (``OTLPDecoder`` for OTLP/JSON, ``OTLPProtobufDecoder``
/// for OTLP/protobuf), so the rules in ``OTLPDecoder``'s documentation hold
/// for either encoding.
extension OTLPDecoder {
  /// Maps one span.
  ///
  /// - Parameters:
  ///   - span: the span, ids, kind and times already checked by its decoder.
  ///   - resource: the attributes of the span's resource; each attribute is
  ///     looked up on the span first, then on the resource. Only scalar
  ///     values count (``OTLPAnyValue/isMappedScalar``).
  /// - Returns: ``OTLPSpanOutcome/skipped`` for a span with no model and no
  ///   artefact attribute; ``OTLPSpanOutcome/rejected(_:_:)`` naming the end
  ///   time (a GenAI span longer than one day) or the attribute at fault
  ///   (tokens not a non-negative integer or out of range, token parts above
  ///   their totals, an unknown route or kind, a priced cost out of range,
  ///   the last under the pseudo-key `gen_ai.usage`); else the record.
  func outcome(of span: OTLPSpanFields, resource: OTLPAttributes) -> OTLPSpanOutcome {
    var versions = OTLPVersionMemory()
    return outcome(of: span, resource: resource, versions: &versions)
  }

  /// Maps one span, taking a missing version from (and teaching) `versions`
  /// (``OTLPVersionMemory``): the version keys of the mapping first; when
  /// none is present, the version last seen for the same artefact and
  /// request model; then, when the mapping reads versions from
  /// `gen_ai.response.model`, the request model; then the default version.
  func outcome(
    of span: OTLPSpanFields, resource: OTLPAttributes, versions: inout OTLPVersionMemory
  ) -> OTLPSpanOutcome {
    let spanAttrs = span.attributes
    func lookup(_ key: String) -> OTLPAnyValue? {
      if let v = spanAttrs[key], v.isMappedScalar { return v }
      if let v = resource[key], v.isMappedScalar { return v }
      return nil
    }
    func string(_ keys: [String]) -> String? {
      for k in keys {
        if let v = lookup(k)?.mappedString, !v.isEmpty {
          return TelemetryName.normalized(v)
        }
      }
      return nil
    }
    let requestModel = string(["gen_ai.request.model"])
    let responseModel = string(["gen_ai.response.model"])
    let model = requestModel ?? responseModel
    guard let artefact = string(mapping.artefactKeys) ?? model else { return .skipped }
    let start = span.startTimeUnixNano
    let end = span.endTimeUnixNano
    // Only GenAI spans become records, so only they are held to the latency
    // bound (a long HTTP root span is skipped, not an error). end ≥ start ≥ 0,
    // so the difference cannot overflow.
    guard end - start <= Int64(TelemetryBounds.maxMilliseconds) * 1_000_000 else {
      return .rejected(.endTime, TelemetryBounds.spanReason)
    }

    func tokens(_ keys: [String]) -> Result<Int, OTLPProblem> {
      for k in keys {
        guard let v = lookup(k) else { continue }
        guard let n = v.mappedInteger, n >= 0 else {
          return .failure(OTLPProblem(field: k, "must be a non-negative integer"))
        }
        guard n <= Int64(TelemetryBounds.maxTokens) else {
          return .failure(OTLPProblem(field: k, TelemetryBounds.tokensReason))
        }
        return .success(Int(n))
      }
      return .success(0)
    }
    let input: Int
    let output: Int
    switch tokens(["gen_ai.usage.input_tokens", "gen_ai.usage.prompt_tokens"]) {
    case .success(let n): input = n
    case .failure(let f): return .rejected(.attribute(f.field ?? ""), f.reason)
    }
    switch tokens(["gen_ai.usage.output_tokens", "gen_ai.usage.completion_tokens"]) {
    case .success(let n): output = n
    case .failure(let f): return .rejected(.attribute(f.field ?? ""), f.reason)
    }
    var parts = [0, 0, 0]
    for (index, keys) in OTLPDecoder.tokenPartKeys.enumerated() {
      switch tokens(keys) {
      case .success(let n): parts[index] = n
      case .failure(let f): return .rejected(.attribute(f.field ?? ""), f.reason)
      }
    }
    let usage = TokenUsage(
      inputTokens: input, outputTokens: output, cacheReadTokens: parts[0], cacheWriteTokens: parts[1],
      reasoningTokens: parts[2])
    func present(_ keys: [String]) -> String { keys.first { lookup($0) != nil } ?? keys[0] }
    if usage.cacheReadTokens > input {
      return .rejected(
        .attribute(present(OTLPDecoder.tokenPartKeys[0])),
        "exceeds gen_ai.usage.input_tokens (which count cached tokens too)")
    }
    if usage.cacheReadTokens + usage.cacheWriteTokens > input {
      return .rejected(
        .attribute(present(OTLPDecoder.tokenPartKeys[1])),
        "cache reads + cache writes exceed gen_ai.usage.input_tokens (which count cached tokens too)")
    }
    if usage.reasoningTokens > output {
      return .rejected(
        .attribute(present(OTLPDecoder.tokenPartKeys[2])),
        "exceeds gen_ai.usage.output_tokens (which count reasoning tokens too)")
    }
    var route = mapping.defaultRoute
    if let key = mapping.routeKeys.first(where: { lookup($0) != nil }) {
      guard let r = lookup(key)?.mappedString.flatMap(Route.init(rawValue:)) else {
        return .rejected(.attribute(key), TelemetryDecodeError.Reason.route)
      }
      route = r
    }
    var kind = mapping.defaultKind
    if let key = mapping.kindKeys.first(where: { lookup($0) != nil }) {
      guard let k = lookup(key)?.mappedString.flatMap(ArtefactKind.init(rawValue:)) else {
        return .rejected(.attribute(key), TelemetryDecodeError.Reason.kind)
      }
      kind = k
    }
    let version: String
    if let v = string(mapping.versionKeys) {
      version = v
      versions.learn(artefact: artefact, requestModel: requestModel, version: v)
    } else if let learned = versions.version(artefact: artefact, requestModel: requestModel) {
      version = learned
    } else if mapping.versionKeys.contains("gen_ai.response.model"), let requestModel {
      version = requestModel
    } else {
      version = mapping.defaultVersion
    }
    let cost =
      requestModel.flatMap { prices.cost(model: $0, usage: usage) }
      ?? responseModel.flatMap { prices.cost(model: $0, usage: usage) }
    if let problem = TelemetryBounds.pricedCostProblem(cost) {
      return .rejected(.attribute("gen_ai.usage"), problem.reason)
    }
    let record = TelemetryRecord(
      timestamp: Timestamp(millisecondsSinceEpoch: start / 1_000_000),
      requestID: span.traceIDHex + span.spanIDHex, artefact: artefact, kind: kind, version: version,
      route: route, latencyMs: Double(end - start) / 1_000_000, inputTokens: input, outputTokens: output,
      costUSD: cost, status: span.isError ? .error : .ok, sessionID: string(mapping.sessionKeys),
      errorType: string(mapping.errorTypeKeys),
      provider: string(["gen_ai.provider.name", "gen_ai.system"]), cacheReadTokens: usage.cacheReadTokens,
      cacheWriteTokens: usage.cacheWriteTokens, reasoningTokens: usage.reasoningTokens)
    return .record(record)
  }
}
