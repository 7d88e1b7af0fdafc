import FlightDeckCore
import Foundation

extension StoreLocation {
  /// The store a command uses: `--store` when given, else `$FLIGHTDECK_STORE`
  /// when set and non-empty, else `configuration` (the config file's `store`).
  /// - Throws: ``RegistryError`` `.invalidInput(field: "store")` for a bad
  ///   location (the environment variable named when it came from there).
  static func chosen(
    option: String?, configuration: StoreLocation?,
    environment: [String: String] = ProcessInfo.processInfo.environment
  ) throws -> StoreLocation? {
    if let option { return try StoreLocation(parsing: option) }
    if let text = environment["FLIGHTDECK_STORE"], !text.isEmpty {
      do {
        return try StoreLocation(parsing: text)
      } catch let e as RegistryError {
        throw RegistryError(e.code, "FLIGHTDECK_STORE: \(e.message)")
      }
    }
    return configuration
  }
}
