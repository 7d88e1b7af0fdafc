/// The publishing state of an artefact's routing (``RoutingOutboxEntry``).
public enum RoutingOutboxState: String, Sendable, Hashable, Codable, CaseIterable {
  /// A change waits to be published (or is being published under a claim).
  case pending
  /// The last attempt failed; the next is due at the entry's `nextAttemptAt`.
  case failed
  /// Every target carries the latest generation.
  case published
}
