import Foundation

/// Notices when a rules file changes and loads it again, so rules can be
/// edited while the dashboard runs: a file that loads replaces the rules, a
/// file with errors is refused as a whole and the last good rules keep
/// running (Prometheus' `/-/reload` behaves the same way).
///
/// A change is a different modification time or size than at the last
/// check; ``check()`` is cheap when nothing changed (one `stat`).
public struct AlertRulesWatcher: Sendable {
  /// The rules file.
  public let path: String
  private var seen: Stamp?

  /// What identifies a version of the file.
  private struct Stamp: Equatable, Sendable {
    var modified: Date?
    var size: Int?
  }

  /// Watches `path`, taking its current version as already loaded.
  public init(path: String) {
    self.path = path
    self.seen = Self.stamp(path)
  }

  /// The result of loading the file again when it changed since the last
  /// check, or `nil` when it did not (a file that vanished is not a change:
  /// the rules in force stay).
  public mutating func check() -> Result<[AlertRuleGroup], AlertRulesFileError>? {
    guard let now = Self.stamp(path), now != seen else { return nil }
    seen = now
    do {
      return .success(try AlertRulesLoader.load(path: path))
    } catch let e as AlertRulesFileError {
      return .failure(e)
    } catch {
      return .failure(
        AlertRulesFileError(errors: [
          AlertRulesError(file: path, line: 0, column: 0, field: "file", message: "\(error)")
        ]))
    }
  }

  private static func stamp(_ path: String) -> Stamp? {
    guard let a = try? FileManager.default.attributesOfItem(atPath: path) else { return nil }
    return Stamp(modified: a[.modificationDate] as? Date, size: (a[.size] as? NSNumber)?.intValue)
  }
}
