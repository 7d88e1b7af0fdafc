import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

extension TelemetryDataFolder {
  /// The files retention deletes at `now`, oldest first, from `files` (the
  /// folder's own files, oldest first) while `current` is being written.
  ///
  /// By age: a closed file ended when its successor was opened (the newest
  /// file: at its last modification, or its opening if later); it goes when
  /// `now − end > maxAge`. By size: then, oldest first, closed files go while
  /// all the files (the current one included) total more than `maxBytes`.
  /// The current file is never chosen.
  static func retentionVictims(
    _ files: [ListedFile], current: TelemetryDataFolderFileName?, now: Timestamp, maxAgeMs: Int64?,
    maxBytes: Int64?
  ) -> [TelemetryDataFolderFileName] {
    var doomed: Set<Int> = []
    if let maxAgeMs {
      for (i, file) in files.enumerated() where file.name != current {
        let end =
          i + 1 < files.count ? files[i + 1].name.openedAt : max(file.modified, file.name.openedAt)
        if now.milliseconds(since: end) > maxAgeMs { doomed.insert(i) }
      }
    }
    if let maxBytes {
      var total = files.enumerated().reduce(Int64(0)) {
        $0 + (doomed.contains($1.offset) ? 0 : $1.element.size)
      }
      for (i, file) in files.enumerated()
      where total > maxBytes && file.name != current && !doomed.contains(i) {
        doomed.insert(i)
        total -= file.size
      }
    }
    return doomed.sorted().map { files[$0].name }
  }

  /// Deletes what ``retentionVictims(_:current:now:maxAgeMs:maxBytes:)``
  /// chooses. A file that cannot be listed or deleted stays, to be tried
  /// again at the next pass.
  func applyRetention(_ f: Files, now: Timestamp) {
    guard options.retentionMaxAgeMs != nil || options.retentionMaxBytes != nil,
      let listed = try? Self.list(options.directory)
    else { return }
    let victims = Self.retentionVictims(
      listed, current: f.current?.name, now: now, maxAgeMs: options.retentionMaxAgeMs,
      maxBytes: options.retentionMaxBytes)
    var deleted = 0
    for name in victims where unlink(Self.path(options.directory, name.name)) == 0 { deleted += 1 }
    if deleted > 0 { counters.withLock { $0.filesDeleted += deleted } }
  }
}
