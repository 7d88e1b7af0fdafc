import FlightDeckCore

/// `base` without its change signal (the protocol's default: none), as an
/// SQLite store is: everything else passes straight through.
final class PollOnlyRegistryStore: ForwardingRegistryStore {
  let base: any RegistryStore

  init(base: SignallingRegistryStore) { self.base = base }
}
