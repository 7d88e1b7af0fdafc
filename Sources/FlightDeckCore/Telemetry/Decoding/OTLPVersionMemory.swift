/// The versions one source's OTLP spans resolved to, by artefact and request
/// model, so that a span whose version attribute is missing counts against the
/// version its request was sent to.
///
/// The case it exists for: a failed call. The official OpenAI instrumentation
/// (and most GenAI instrumentations) set `gen_ai.response.model` from the
/// response, so a call that failed carries only `gen_ai.request.model` and
/// `error.type`. With the default mapping (version = response model) it used
/// to land in a version `unversioned` beside the real one — twenty failed
/// calls among 180 showed as a 90/10 split with 100 % errors on the phantom
/// leg. Now such a span takes the version the last span of the same
/// artefact and request model resolved to; before any such span, the request
/// model itself when the mapping takes versions from the response model (the
/// model name the request was sent to), else the mapping's default.
///
/// Bounded: at most ``capacity`` pairs are remembered (later pairs are not
/// learned), so a file naming millions of models cannot grow it without end.
public struct OTLPVersionMemory: Sendable, Hashable {
  /// Most (artefact, request model) pairs remembered.
  public static let capacity = 4096

  private struct Key: Hashable, Sendable {
    var artefact: String
    var requestModel: String
  }

  private var versions: [Key: String] = [:]
  /// Recalls (``recall(artefact:requestModel:)``) that found nothing: a
  /// replay that read a file in parts reads it again in one pass when a
  /// part after the first had one, as the parts before might have taught
  /// the answer. Not part of the memory's value (``==(_:_:)``).
  private(set) var misses = 0

  /// Number of (artefact, request model) pairs remembered.
  var count: Int { versions.count }

  /// An empty memory.
  public init() {}

  /// The version learned for `artefact` sent to `requestModel`, if any.
  public func version(artefact: String, requestModel: String?) -> String? {
    versions[Key(artefact: artefact, requestModel: requestModel ?? "")]
  }

  /// ``version(artefact:requestModel:)``, counting a pair not remembered in
  /// ``misses``.
  mutating func recall(artefact: String, requestModel: String?) -> String? {
    let found = version(artefact: artefact, requestModel: requestModel)
    if found == nil { misses += 1 }
    return found
  }

  /// Equal when they remember the same versions for the same pairs.
  public static func == (lhs: OTLPVersionMemory, rhs: OTLPVersionMemory) -> Bool {
    lhs.versions == rhs.versions
  }

  /// Hashes what ``==(_:_:)`` compares.
  public func hash(into hasher: inout Hasher) {
    hasher.combine(versions)
  }

  /// Remembers that `artefact` sent to `requestModel` resolved to `version`.
  public mutating func learn(artefact: String, requestModel: String?, version: String) {
    let key = Key(artefact: artefact, requestModel: requestModel ?? "")
    // One hash for a pair already remembered (every span of a file, but its first per pair).
    if let i = versions.index(forKey: key) {
      if versions.values[i] != version { versions.values[i] = version }
      return
    }
    if versions.count >= Self.capacity { return }
    versions[key] = version
  }
}
