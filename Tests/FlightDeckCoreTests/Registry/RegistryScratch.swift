import Foundation
import Synchronization

/// Temporary folders for one test, removed when the test's suite instance
/// (which holds this) goes away after the test.
final class RegistryScratch: Sendable {
  private let directories = Mutex<[String]>([])

  /// A fresh folder under the system's temporary directory.
  func directory() throws -> String {
    let dir = try RegistryFixture.temporaryDirectory()
    directories.withLock { $0.append(dir) }
    return dir
  }

  deinit {
    for dir in directories.withLock({ $0 }) { try? FileManager.default.removeItem(atPath: dir) }
  }
}
