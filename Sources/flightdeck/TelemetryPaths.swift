import Foundation

/// Telemetry paths as the batch commands take them (`analysis show`,
/// `rollout drive`): files, `-` for standard input, and folders.
enum TelemetryPaths {
  /// `paths` with every folder replaced by its regular, non-hidden files, sorted by name.
  static func expand(_ paths: [String]) throws -> [String] {
    var out: [String] = []
    for path in paths {
      var isDirectory: ObjCBool = false
      guard path != "-", FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory),
        isDirectory.boolValue
      else {
        out.append(path)
        continue
      }
      let names = try FileManager.default.contentsOfDirectory(atPath: path).filter { !$0.hasPrefix(".") }
        .sorted()
      for name in names {
        let file = (path as NSString).appendingPathComponent(name)
        var dir: ObjCBool = false
        if FileManager.default.fileExists(atPath: file, isDirectory: &dir), !dir.boolValue {
          out.append(file)
        }
      }
    }
    return out
  }

}
