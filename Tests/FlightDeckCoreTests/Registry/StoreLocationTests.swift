import FlightDeckCore
import Testing

/// `--store URL` / `FLIGHTDECK_STORE`: the scheme picks the backend, a
/// password never gets printed, and a bare path is refused with the fix.
@Suite struct StoreLocationTests {
  @Test(arguments: [
    ("sqlite:/tmp/ws/registry.sqlite", "sqlite", "/tmp/ws/registry.sqlite"),
    ("SQLite:relative.db", "sqlite", "relative.db"),
    ("postgres://alice@db.internal:5433/flightdeck", "postgres", "//alice@db.internal:5433/flightdeck"),
    ("postgresql://alice@db/fd?sslmode=require", "postgres", "//alice@db/fd?sslmode=require"),
  ])
  func theSchemeNamesTheBackend(text: String, scheme: String, rest: String) throws {
    let location = try StoreLocation(parsing: text)
    #expect(location.scheme == scheme)
    #expect(location.rest == rest)
  }

  @Test func aPasswordInTheURLIsMaskedWhenPrinted() throws {
    let location = try StoreLocation(parsing: "postgres://alice:s3cr%40t@db:5432/fd?sslmode=require")
    #expect(location.description == "postgres://alice:***@db:5432/fd?sslmode=require")
    #expect(!"\(location)".contains("s3cr"))
    #expect(try StoreLocation(parsing: "postgres://alice@db/fd").description == "postgres://alice@db/fd")
  }

  @Test(arguments: [
    ("", "--store is empty"),
    ("/var/lib/flightdeck/registry.sqlite", "has no scheme: write sqlite:PATH"),
    ("1abc:x", "has no scheme"),
    ("sqlite:/tmp/a\u{1B}[2Jb", "control character"),
  ])
  func aBadLocationSaysWhatToWrite(text: String, message: String) {
    #expect {
      _ = try StoreLocation(parsing: text)
    } throws: { error in
      (error as? RegistryError)?.code == .invalidInput(field: "store")
        && (error as? RegistryError)?.message.contains(message) == true
    }
  }

  @Test func aSchemeNoBackendOwnsIsRefusedNamingTheKnownOnes() throws {
    let location = try StoreLocation(parsing: "mysql://root@db/fd")
    #expect {
      _ = try StoreBackends.embedded.backend(for: location)
    } throws: { error in
      (error as? RegistryError)?.message
        == "no store backend for mysql: in mysql://root@db/fd (this flightdeck opens: sqlite:)"
    }
  }

  /// The embedded default is the workspace folder's own file, and a
  /// workspace with `--store sqlite:` elsewhere keeps its folder for the configuration.
  @Test func theEmbeddedStoreIsTheFoldersFile() throws {
    let ws = RegistryWorkspace(directory: "/tmp/ws/")
    #expect(ws.storeLocation == .embedded(workspace: "/tmp/ws"))
    #expect(ws.storeLocation.text == "sqlite:/tmp/ws/registry.sqlite")
    #expect(
      ws.storeFiles() == [
        "/tmp/ws/registry.sqlite", "/tmp/ws/registry.sqlite-wal",
        "/tmp/ws/registry.sqlite-shm", "/tmp/ws/registry.sqlite-journal",
      ])
    let elsewhere = RegistryWorkspace(directory: "/tmp/ws", store: .sqlite(path: "/srv/fd.db"))
    #expect(elsewhere.storeLocation.text == "sqlite:/srv/fd.db")
    #expect(elsewhere.configurationPath == "/tmp/ws/flightdeck.toml")
  }
}
