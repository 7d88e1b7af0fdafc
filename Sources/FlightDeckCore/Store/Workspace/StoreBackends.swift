/// The store backends a process can open, picked by a location's scheme.
///
/// ``embedded`` holds SQLite only; the command-line tool adds PostgreSQL
/// (its own module), so the core never links a database client it does not need.
public struct StoreBackends: Sendable {
  /// The backends, first match wins.
  public let all: [any StoreBackend]

  /// The backends `all`.
  public init(_ all: [any StoreBackend]) { self.all = all }

  /// These backends and `backend` after them.
  public func adding(_ backend: any StoreBackend) -> StoreBackends { StoreBackends(all + [backend]) }

  /// The backend for `location`'s scheme.
  /// - Throws: ``RegistryError`` `.invalidInput(field: "store")` naming the
  ///   schemes this process knows when none owns it.
  public func backend(for location: StoreLocation) throws -> any StoreBackend {
    if let found = all.first(where: { $0.schemes.contains(location.scheme) }) { return found }
    let known = all.flatMap(\.schemes).map { $0 + ":" }.joined(separator: ", ")
    throw RegistryError(
      .invalidInput(field: "store"),
      "no store backend for \(location.scheme): in \(location) (this flightdeck opens: \(known))")
  }
}
