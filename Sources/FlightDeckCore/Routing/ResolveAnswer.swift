/// The JSON bodies of the resolve API (`flightdeck serve --resolve-listen`,
/// <doc:ResolveAPI>): what an application asks to learn which version a
/// pointer names, how traffic splits, and a version's prompt template.
///
/// Bodies are RFC 8785 canonical JSON (``CanonicalJSON``: members sorted,
/// no whitespace), so the same state always gives the same bytes and a
/// strong ETag over the body changes exactly when the answer does. Field
/// names are snake_case, as the CLI's `--json`. What a pointer answers
/// follows what MLflow's `get_model_version_by_alias` (`models:/name@alias`:
/// version, source, run id, tags, aliases) and Langfuse's fetch-by-label
/// (name, version, labels, tags) answer.
public enum ResolveAnswer {
  /// `GET /v1/artefacts/{name}/pointers/{pointer}`: `{"artefact",
  /// "pointer","version","source","template_sha256","tags","pointers",
  /// "moved_at","moved_by","rolled_back_at"}` — the version the pointer
  /// names; its source reference (`kind:value`, `null` when unknown); the
  /// template hash (the 64 hex digits of a `sha256:` source — the SHA-256
  /// of the registered prompt template — else `null`); its tags; every
  /// pointer on that version (sorted, as MLflow's aliases); when and by
  /// whom the pointer last moved (RFC 3339, UTC, ms); when a rollback took
  /// production from the version (`null`: never). `nil` when the pointer
  /// is unset.
  public static func pointer(_ entry: RegisteredArtefact, _ pointer: PointerName) -> String? {
    guard let label = entry.pointers[pointer] else { return nil }
    let version = entry.versions.first { $0.label == label }
    let move = entry.lastMoves[pointer]
    return CanonicalJSON.object([
      "artefact": .string(entry.artefact.name),
      "pointer": .string(pointer.rawValue),
      "version": .string(label),
      "source": .optional(version?.source?.text),
      "template_sha256": .optional(version?.source.flatMap { $0.kind == .sha256 ? $0.value : nil }),
      "tags": .object((version?.tags ?? [:]).mapValues { .string($0) }),
      "pointers": .array(entry.pointers(on: label).map { .string($0.rawValue) }),
      "moved_at": .optional(move?.at.rfc3339),
      "moved_by": .optional(move?.actor),
      "rolled_back_at": .optional(version?.rolledBackAt?.rfc3339),
    ])
  }

  /// `GET /v1/artefacts/{name}/routing`: the artefact's ``RoutingState``
  /// as `{"artefact","pointers","stable","canary","canary_weight",
  /// "stable_weight","shadow","shadow_percent","split"}` — weights are
  /// integer percentages; `split` is ``RoutingState/servingSplit`` as
  /// `[{"version","weight"}]` (stable first, summing to 100; empty while
  /// `production` is unset).
  public static func routing(_ entry: RegisteredArtefact) -> String {
    let state = RoutingState(entry)
    return CanonicalJSON.object([
      "artefact": .string(state.artefact),
      "pointers": .object(state.pointers.mapValues { .string($0) }),
      "stable": .optional(state.stable),
      "canary": .optional(state.canary),
      "canary_weight": .integer(Int64(state.canaryWeight)),
      "stable_weight": .integer(Int64(state.stable == nil ? 0 : state.stableWeight)),
      "shadow": .optional(state.shadow),
      "shadow_percent": .integer(Int64(state.shadowPercent)),
      "split": .array(
        state.servingSplit.map {
          .object(["version": .string($0.version), "weight": .integer(Int64($0.weight))])
        }
      ),
    ])
  }

  /// `GET /v1/artefacts/{name}/versions/{version}/template`:
  /// `{"artefact","version","sha256","template"}` — the template text
  /// exactly as registered, and the SHA-256 of its UTF-8 bytes (the
  /// version's `sha256:` source).
  public static func template(artefact: String, version: String, _ template: PromptTemplate) -> String {
    CanonicalJSON.object([
      "artefact": .string(artefact), "version": .string(version), "sha256": .string(template.digest),
      "template": .string(template.text),
    ])
  }

  /// An error body: `{"error": message}`.
  public static func error(_ message: String) -> String {
    CanonicalJSON.object(["error": .string(message)])
  }
}
