extension Tailer {
  /// `true` when `pattern` has a `glob(3)` metacharacter (`*`, `?`, `[`).
  static func isGlob(_ pattern: String) -> Bool {
    pattern.utf8.contains { $0 == UInt8(ascii: "*") || $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "[") }
  }

  /// Expands every pattern and adds a source for each path not yet followed.
  /// Sources created at the first poll use the start-up policy. A directory
  /// contributes its regular files whose names pass
  /// ``TelemetryFileName/isTelemetry(_:)``; a glob, its regular-file matches.
  func discover(firstPoll: Bool) {
    var matched: Set<String> = []
    func add(_ path: String, discovered: Bool) {
      matched.insert(path)
      if sourcesByPath[path] == nil {
        let s = TailSource(path: path, discovered: discovered, usesStartPolicy: firstPoll)
        sources.append(s)
        sourcesByPath[path] = s
      }
    }
    for pattern in patterns {
      switch PosixFile.status(path: pattern) {
      case .success(let info) where info.kind == .directory:
        // An existing directory, whatever its name.
        guard case .success(let names) = PosixFile.listDirectory(pattern) else { continue }
        let prefix = pattern.hasSuffix("/") ? pattern : pattern + "/"
        for name in names where TelemetryFileName.isTelemetry(name) {
          let path = prefix + name
          if case .success(let entry) = PosixFile.status(path: path), entry.kind == .regular {
            add(path, discovered: true)
          }
        }
        continue
      case .success:
        // An existing file is that file, even when its name holds `*`, `?` or `[`.
        add(pattern, discovered: false)
        continue
      case .failure: break
      }
      if Tailer.isGlob(pattern) && sourcesByPath[pattern] == nil {
        for path in PosixFile.expandGlob(pattern) {
          if case .success(let info) = PosixFile.status(path: path), info.kind == .regular {
            add(path, discovered: true)
          }
        }
        continue
      }
      add(pattern, discovered: false)
    }
    matchedPaths = matched
  }

  /// Drops sources found by a glob or directory listing that no longer match
  /// and hold no open file.
  func prune() {
    guard sources.contains(where: { $0.discovered && !$0.file.isOpen && !matchedPaths.contains($0.path) })
    else { return }
    sources.removeAll { s in
      let drop = s.discovered && !s.file.isOpen && !matchedPaths.contains(s.path)
      if drop { sourcesByPath[s.path] = nil }
      return drop
    }
  }
}
