import Dispatch
import Foundation
import Synchronization

/// The durable data folder of the OTLP receiver: a ``TelemetryIngestSink``
/// that appends records as FlightDeck JSON Lines to rotating files
/// (``TelemetryDataFolderFileName``) and acknowledges them only once they
/// are on disk.
///
/// ## Durability
///
/// ``append(_:)`` returns only after the records' bytes were written with
/// `write(2)` *and* the file was flushed with `fsync(2)`; when the append
/// opened a new file, the folder itself was `fsync`ed after the file was
/// created, so the file's name survives a crash too. A receiver that answers
/// 200 after `append` returns has therefore never acknowledged a record that
/// a process kill, a kernel crash or a power cut can take back (as far as the
/// disk honours its flush). The converse is not promised: a record whose
/// append had not returned may be on disk anyway (its bytes written, the
/// crash before the answer), and an exporter that retries it stores it twice
/// — delivery is at least once, as OTLP's retry rules make it anyway.
///
/// ## Group commit
///
/// Appends are encoded on the caller's task (one JSON line per record),
/// queued, and written by one writer thread: each pass takes *every* queued
/// append, writes them with one `write(2)` and flushes them with one
/// `fsync(2)`, then answers all of them. While a flush runs, the next
/// appends gather, so under load one flush serves many requests instead of
/// one each (``TelemetryDataFolderStatistics/groupCommits``). A group is
/// never split across files.
///
/// ## Bounds and failures
///
/// At most ``TelemetryDataFolderOptions/queueLimitBytes`` encoded bytes and
/// ``TelemetryDataFolderOptions/queueLimitRecords`` records wait for the
/// disk; an append that would go past either is refused at once with
/// ``TelemetryIngestRefusal/behind(retryAfterSeconds:)`` (an append into an
/// empty queue is always taken, whatever its size: the receiver's body limit
/// bounds it). A failed `open`, `write` or `fsync` refuses every append of
/// the group with ``TelemetryIngestRefusal/unavailable(reason:)``; the file
/// is cut back to its last durable size (never-acknowledged bytes removed),
/// closed, and the next group starts a new file — creating the folder again
/// if it has gone — so the sink recovers by itself once the disk has room or
/// the folder is writable again.
///
/// ## Torn lines
///
/// A crash in the middle of a `write(2)` can leave the last file ending in a
/// partial line, never acknowledged. The folder never appends to a file it
/// did not create in this run: on opening it seals every such file with a
/// newline (``TelemetryDataFolderStatistics/sealedTornFiles``) and starts a
/// fresh file for its first write. A sealed torn line is one malformed line
/// to every reader — `replay` counts it under "malformed lines" and reads on,
/// the dashboard's tailer reports it once — and never joins the next record.
///
/// ## Rotation and retention
///
/// A file is closed before a group that would take it past
/// ``TelemetryDataFolderOptions/rotateBytes``, and once it has been open
/// ``TelemetryDataFolderOptions/rotateAgeMs`` (by the injected clock).
/// Retention runs on every rotation and every
/// ``TelemetryDataFolderOptions/maintenanceIntervalMs`` of the clock (see
/// ``maintain()``): closed files are deleted, oldest first, when they ended
/// more than ``TelemetryDataFolderOptions/retentionMaxAgeMs`` ago, and while
/// the folder's files total more than
/// ``TelemetryDataFolderOptions/retentionMaxBytes``. The file being written
/// is never deleted. A closed file ended when the next file was opened (the
/// newest closed file: at its last modification).
///
/// ## Life cycle
///
/// `init` prepares the folder; ``start()`` starts the writer thread (until
/// then appends queue up, which the tests use to build a group);
/// ``close()`` writes what is queued and stops it.
public final class TelemetryDataFolder: TelemetryIngestSink, Sendable {
  /// How the folder rotates, retains and bounds.
  public let options: TelemetryDataFolderOptions
  let clock: any FlightDeckClock
  let queue: Mutex<Queue>
  let files: Mutex<Files>
  let counters = Mutex(TelemetryDataFolderStatistics())
  /// Signalled once per queued append and on close.
  let wake = DispatchSemaphore(value: 0)
  /// Signalled when the writer thread has finished.
  let finished = DispatchSemaphore(value: 0)

  /// One request's records waiting for the disk.
  struct PendingAppend: Sendable {
    var bytes: [UInt8]
    var records: Int
    var reply: CheckedContinuation<Result<Void, TelemetryIngestRefusal>, Never>
  }

  /// The queue, shared by the appending tasks and the writer thread.
  struct Queue: Sendable {
    var pending: [PendingAppend] = []
    var bytes = 0
    var records = 0
    var started = false
    var closed = false
  }

  /// The file being written, owned by the writer (and ``maintain()``).
  struct CurrentFile: Sendable {
    var name: TelemetryDataFolderFileName
    var path: String
    var descriptor: Int32
    /// Bytes durable in the file.
    var size: Int
    /// When it was opened, by the injected clock (not truncated).
    var openedAt: Timestamp
  }

  /// The writer's file state.
  struct Files: Sendable {
    var current: CurrentFile?
    /// The newest name used or found, so the next file sorts after it.
    var newest: TelemetryDataFolderFileName?
    var nextMaintenance: Timestamp
  }

  /// Opens the folder at `options.directory`, creating it (and its parents)
  /// if needed, and seals files a crash left with a torn last line.
  ///
  /// No file is created until the first append.
  ///
  /// - Parameters:
  ///   - options: rotation, retention and queue bounds.
  ///   - clock: the source of "now" for file names, rotation by age and
  ///     retention (a ``ManualClock`` in tests, ``SystemClock`` otherwise).
  /// - Throws: ``TelemetryWriteError`` when the folder cannot be created or
  ///   listed, or a torn file cannot be sealed.
  public init(options: TelemetryDataFolderOptions, clock: any FlightDeckClock) throws(TelemetryWriteError) {
    self.options = options
    self.clock = clock
    queue = Mutex(Queue())
    let directory = options.directory
    do {
      try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    } catch {
      throw TelemetryWriteError(path: directory, operation: "create directory", reason: Self.describe(error))
    }
    let existing = try Self.list(directory)
    var sealed = 0
    for file in existing {
      if try Self.sealIfTorn(Self.path(directory, file.name.name)) { sealed += 1 }
    }
    files = Mutex(
      Files(
        current: nil, newest: existing.last?.name,
        nextMaintenance: clock.now().adding(milliseconds: options.maintenanceIntervalMs)))
    counters.withLock { $0.sealedTornFiles = sealed }
  }

  /// Starts the writer thread. Idempotent; appends made before are written
  /// by its first pass, as one group.
  public func start() {
    let first = queue.withLock { q in
      defer { q.started = true }
      return !q.started && !q.closed
    }
    guard first else { return }
    let thread = Thread { [self] in self.run() }
    thread.name = "flightdeck-data-folder"
    thread.start()
  }

  /// Writes every queued append, stops the writer and closes the current
  /// file; later appends are refused as unavailable. Blocks until the
  /// writer has finished (at most one group's write and flush). Idempotent.
  public func close() {
    let (wasStarted, orphans) = queue.withLock { q -> (Bool, [PendingAppend]) in
      if q.closed { return (false, []) }
      q.closed = true
      if q.started { return (true, []) }
      // Never started: nothing will write what waits.
      defer {
        q.pending = []
        q.bytes = 0
        q.records = 0
      }
      return (false, q.pending)
    }
    if wasStarted {
      wake.signal()
      finished.wait()
    } else {
      for p in orphans {
        p.reply.resume(returning: .failure(.unavailable(reason: "the data folder is closed")))
      }
      files.withLock { closeCurrent(&$0) }
    }
  }

  /// The counters so far.
  public var statistics: TelemetryDataFolderStatistics { counters.withLock { $0 } }

  /// The path of the file being written, `nil` before the first append and
  /// after a rotation or failure until the next one.
  public var currentFilePath: String? { files.withLock { $0.current?.path } }

  /// Appends waiting for the writer (for tests and the status line).
  public var queuedAppends: Int { queue.withLock { $0.pending.count } }

  /// Appends `records` and returns once they are durable (see the type's
  /// documentation).
  ///
  /// - Throws: ``TelemetryIngestRefusal/behind(retryAfterSeconds:)`` at once
  ///   when the queue is full; ``TelemetryIngestRefusal/unavailable(reason:)``
  ///   when writing failed or the folder is closed.
  public func append(_ records: [TelemetryRecord]) async throws(TelemetryIngestRefusal) {
    guard !records.isEmpty else { return }
    // Refuse before encoding when the queue is already full.
    if let refusal = queue.withLock({ admission(&$0, bytes: 0, records: records.count) }) {
      count(refusal)
      throw refusal
    }
    var bytes: [UInt8] = []
    bytes.reserveCapacity(records.count * 320)
    for record in records {
      bytes.append(contentsOf: record.jsonLine.utf8)
      bytes.append(0x0A)
    }
    let outcome = await withCheckedContinuation {
      (reply: CheckedContinuation<Result<Void, TelemetryIngestRefusal>, Never>) in
      let refusal = queue.withLock { q -> TelemetryIngestRefusal? in
        if let refusal = admission(&q, bytes: bytes.count, records: records.count) { return refusal }
        q.pending.append(PendingAppend(bytes: bytes, records: records.count, reply: reply))
        q.bytes += bytes.count
        q.records += records.count
        return nil
      }
      if let refusal {
        count(refusal)
        reply.resume(returning: .failure(refusal))
      } else {
        wake.signal()
      }
    }
    try outcome.get()
  }

  /// Why an append of `bytes` and `records` cannot be queued now, if so.
  private func admission(_ q: inout Queue, bytes: Int, records: Int) -> TelemetryIngestRefusal? {
    if q.closed { return .unavailable(reason: "the data folder is closed") }
    guard !q.pending.isEmpty else { return nil }
    if q.bytes + bytes > options.queueLimitBytes || q.records + records > options.queueLimitRecords {
      return .behind(retryAfterSeconds: options.retryAfterSeconds)
    }
    return nil
  }

  private func count(_ refusal: TelemetryIngestRefusal) {
    counters.withLock {
      switch refusal {
      case .behind: $0.refusedBehind += 1
      case .unavailable: $0.refusedUnavailable += 1
      }
    }
  }

  /// The writer thread: runs ``maintain()`` when the clock says it is due
  /// (it wakes at least once a second to look), then takes every queued
  /// append, commits them as one group and answers them.
  private func run() {
    while true {
      _ = wake.wait(timeout: .now() + .seconds(1))
      let (group, closing) = queue.withLock { q -> ([PendingAppend], Bool) in
        defer {
          q.pending = []
          q.bytes = 0
          q.records = 0
        }
        return (q.pending, q.closed)
      }
      // Before the group, so an append after the clock passed the due time
      // finds the maintenance done when it returns.
      if clock.now() >= files.withLock({ $0.nextMaintenance }) { maintain() }
      if !group.isEmpty {
        let outcome = files.withLock { commit(group, &$0) }
        counters.withLock { c in
          switch outcome {
          case .success:
            c.appendsWritten += group.count
            c.recordsWritten += group.reduce(0) { $0 + $1.records }
            c.bytesWritten += Int64(group.reduce(0) { $0 + $1.bytes.count })
            c.groupCommits += 1
            c.lastFailure = nil
          case .failure(let refusal):
            c.refusedUnavailable += group.count
            if case .unavailable(let reason) = refusal { c.lastFailure = reason }
          }
        }
        for p in group { p.reply.resume(returning: outcome) }
      }
      if closing && queue.withLock({ $0.pending.isEmpty }) { break }
    }
    files.withLock { closeCurrent(&$0) }
    finished.signal()
  }

  /// Rotation by age and retention, now (by the injected clock): closes the
  /// current file when it has been open ``TelemetryDataFolderOptions/rotateAgeMs``,
  /// then deletes what retention says. The writer runs this every
  /// ``TelemetryDataFolderOptions/maintenanceIntervalMs``; tests call it
  /// after moving their clock.
  public func maintain() {
    let now = clock.now()
    files.withLock { f in
      if let current = f.current, now.milliseconds(since: current.openedAt) >= options.rotateAgeMs {
        closeCurrent(&f)
      }
      applyRetention(f, now: now)
      f.nextMaintenance = now.adding(milliseconds: options.maintenanceIntervalMs)
    }
  }
}
