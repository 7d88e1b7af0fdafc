/// The GenAI mapping proper: one checked span (``OTLPSpanFields``) and its
/// resource's attributes → a record, a skip or a rejection. Both OTLP
/// decoders call it (``OTLPDecoder`` for OTLP/JSON, ``OTLPProtobufDecoder``
/// for OTLP/protobuf), so the rules in ``OTLPDecoder``'s documentation hold
/// for either encoding.
///
/// Spans the Langfuse SDK sends carry its own attributes instead of the GenAI
/// ones (``OTLPLangfuseObservation``); they are read next to them, GenAI
/// first:
/// - a span whose `langfuse.observation.type` is not `generation` or
///   `embedding` (a span, tool, agent… observation) is skipped unless it has
///   `gen_ai.request.model` or `gen_ai.response.model`;
/// - request model: `gen_ai.request.model`, else `langfuse.observation.model.name`;
/// - artefact: the mapping's artefact keys, else
///   `langfuse.observation.prompt.name` (kind `prompt`, unless a kind key
///   says otherwise, and version `langfuse.observation.prompt.version`), else
///   the model; the version, when no prompt gives it: the mapping's version
///   keys, else `langfuse.version`, else as for any span;
/// - tokens: `langfuse.observation.usage_details` (``LangfuseUsageDetails``)
///   when the span has none of the GenAI input/output token attributes;
/// - cost: `langfuse.observation.cost_details.total` (USD) wins over the price
///   table, whose figure is kept as ``TelemetryRecord/recomputedCostUSD`` when
///   it differs (relative difference above 1e-9);
/// - ttft_ms = `langfuse.observation.completion_start_time` − start time;
/// - status: also `error` when `langfuse.observation.level` is `ERROR`; the
///   error type of an error span without an error-type attribute is
///   `langfuse.observation.status_message`.
extension OTLPDecoder {
  /// Maps one span.
  ///
  /// - Parameters:
  ///   - span: the span, ids, kind and times already checked by its decoder.
  ///   - resource: the attributes of the span's resource; each attribute is
  ///     looked up on the span first, then on the resource. Only scalar
  ///     values count (``OTLPAnyValue/isMappedScalar``).
  /// - Returns: ``OTLPSpanOutcome/skipped`` for a span with no model and no
  ///   artefact attribute, or a Langfuse observation that is no generation;
  ///   ``OTLPSpanOutcome/rejected(_:_:)`` naming the end
  ///   time (a GenAI span longer than one day) or the attribute at fault
  ///   (tokens not a non-negative integer or out of range, token parts above
  ///   their totals, an unknown route or kind, a priced cost out of range,
  ///   the last under the pseudo-key `gen_ai.usage`; Langfuse usage or cost
  ///   details that are not JSON objects or hold a bad count or cost, a
  ///   completion start time outside the span); else the record.
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
      assert(
        Self.fixedMappedKeys.contains(key) || mapping.keys.contains(key),
        "\(key) is missing from OTLPDecoder.fixedMappedKeys")
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
    // The Langfuse SDK's own attributes (OTLPLangfuseObservation), next to the GenAI ones.
    let langfuse = OTLPLangfuseObservation(lookup: lookup, string: string)
    let genAIRequestModel = string(Self.requestModelKeys)
    let responseModel = string(Self.responseModelKeys)
    // Only a Langfuse generation (or embedding) is a request, unless GenAI attributes say the span is a model call.
    if !langfuse.isGenerationOrUntyped, genAIRequestModel == nil, responseModel == nil { return .skipped }
    let requestModel = genAIRequestModel ?? langfuse.model
    let model = requestModel ?? responseModel
    var artefactFromPrompt = false
    let artefact: String
    if let a = string(mapping.artefactKeys) {
      artefact = a
    } else if let prompt = langfuse.promptName {
      (artefact, artefactFromPrompt) = (prompt, true)
    } else if let model {
      artefact = model
    } else {
      return .skipped
    }
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
    var langfuseUsage: TokenUsage?
    if !Self.inputTokenKeys.contains(where: { lookup($0) != nil }),
      !Self.outputTokenKeys.contains(where: { lookup($0) != nil })
    {
      switch langfuse.usage() {
      case .failure(let f): return .rejected(.attribute(f.field ?? ""), f.reason)
      case .success(let u): langfuseUsage = u
      }
    }
    var input: Int
    var output: Int
    switch tokens(Self.inputTokenKeys) {
    case .success(let n): input = n
    case .failure(let f): return .rejected(.attribute(f.field ?? ""), f.reason)
    }
    switch tokens(Self.outputTokenKeys) {
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
    var usage = TokenUsage(
      inputTokens: input, outputTokens: output, cacheReadTokens: parts[0], cacheWriteTokens: parts[1],
      reasoningTokens: parts[2])
    if let langfuseUsage {  // already checked by LangfuseUsageDetails
      usage = langfuseUsage
      (input, output) = (usage.inputTokens, usage.outputTokens)
    }
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
    var kind = artefactFromPrompt ? ArtefactKind.prompt : mapping.defaultKind
    if let key = mapping.kindKeys.first(where: { lookup($0) != nil }) {
      guard let k = lookup(key)?.mappedString.flatMap(ArtefactKind.init(rawValue:)) else {
        return .rejected(.attribute(key), TelemetryDecodeError.Reason.kind)
      }
      kind = k
    }
    let version: String
    if let v = (artefactFromPrompt ? langfuse.promptVersion : nil) ?? string(mapping.versionKeys)
      ?? langfuse.version
    {
      version = v
      versions.learn(artefact: artefact, requestModel: requestModel, version: v)
    } else if let learned = versions.recall(artefact: artefact, requestModel: requestModel) {
      version = learned
    } else if mapping.versionKeys.contains("gen_ai.response.model"), let requestModel {
      version = requestModel
    } else {
      version = mapping.defaultVersion
    }
    let priced =
      requestModel.flatMap { prices.cost(model: $0, usage: usage) }
      ?? responseModel.flatMap { prices.cost(model: $0, usage: usage) }
    let ingested: Double?
    switch langfuse.ingestedCost() {
    case .failure(let f): return .rejected(.attribute(f.field ?? ""), f.reason)
    case .success(let c): ingested = c
    }
    if ingested == nil, let problem = TelemetryBounds.pricedCostProblem(priced) {
      return .rejected(.attribute("gen_ai.usage"), problem.reason)
    }
    var ttftMs: Double?
    switch langfuse.completionStartNano() {
    case .failure(let f): return .rejected(.attribute(f.field ?? ""), f.reason)
    case .success(let first?):
      // The SDK writes microseconds: a first token in the span's first microsecond may read up to 999 ns early.
      guard first > start - 1000 else {
        return .rejected(.attribute(OTLPLangfuseObservation.completionStartKey), "before the span's start")
      }
      guard first <= end else {
        return .rejected(.attribute(OTLPLangfuseObservation.completionStartKey), "after the span's end")
      }
      ttftMs = Double(max(first - start, 0)) / 1_000_000
    case .success(nil): break
    }
    let isError = span.isError || langfuse.isError
    var record = TelemetryRecord(
      timestamp: Timestamp(millisecondsSinceEpoch: start / 1_000_000),
      requestID: span.traceIDHex + span.spanIDHex, artefact: artefact, kind: kind, version: version,
      route: route, latencyMs: Double(end - start) / 1_000_000, inputTokens: input, outputTokens: output,
      costUSD: ingested ?? priced, status: isError ? .error : .ok, ttftMs: ttftMs,
      sessionID: string(mapping.sessionKeys),
      errorType: string(mapping.errorTypeKeys) ?? (isError ? langfuse.statusMessage : nil),
      provider: string(Self.providerKeys), cacheReadTokens: usage.cacheReadTokens,
      cacheWriteTokens: usage.cacheWriteTokens, reasoningTokens: usage.reasoningTokens)
    // An ingested cost wins; the table's figure is kept beside it when they differ (as the Langfuse reader does).
    if let ingested, let priced, abs(priced - ingested) > 1e-9 * max(abs(priced), abs(ingested)) {
      record.recomputedCostUSD = priced
    }
    return .record(record)
  }

  /// `gen_ai.request.model`.
  static let requestModelKeys = ["gen_ai.request.model"]
  /// `gen_ai.response.model`.
  static let responseModelKeys = ["gen_ai.response.model"]
  /// Input tokens, then the deprecated name.
  static let inputTokenKeys = ["gen_ai.usage.input_tokens", "gen_ai.usage.prompt_tokens"]
  /// Output tokens, then the deprecated name.
  static let outputTokenKeys = ["gen_ai.usage.output_tokens", "gen_ai.usage.completion_tokens"]
  /// The provider, then the older name.
  static let providerKeys = ["gen_ai.provider.name", "gen_ai.system"]

  /// Every key the mapping reads whatever ``OTLPAttributeMapping`` says
  /// (the mapping's own lists come on top, ``OTLPMappedKeys``): the model,
  /// token, token part, provider and Langfuse keys above, the constants
  /// the mapping looks up.
  static let fixedMappedKeys: [String] =
    requestModelKeys + responseModelKeys + inputTokenKeys + outputTokenKeys + tokenPartKeys.flatMap { $0 }
    + providerKeys + OTLPLangfuseObservation.keys
}
