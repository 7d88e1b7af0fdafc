import Foundation

extension AlertRulesLoader {
  /// URL of the bundled demo rules (`Resources/default-alerts.yml`), `nil`
  /// if the resource is missing.
  public static var defaultRulesURL: URL? {
    Bundle.module.url(forResource: "default-alerts", withExtension: "yml", subdirectory: "Resources")
      ?? Bundle.module.url(forResource: "default-alerts", withExtension: "yml")
  }
}
