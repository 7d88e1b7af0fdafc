extension StoreBackends {
  /// SQLite only: what the core opens on its own.
  public static let embedded = StoreBackends([SQLiteStoreBackend()])
}

extension StoreLocation {
  /// The embedded store of the workspace folder `directory`: the SQLite file
  /// `DIR/registry.sqlite`.
  public static func embedded(workspace directory: String) -> StoreLocation {
    SQLiteStoreBackend.defaultLocation(workspace: directory)
  }
}
