import FlightDeckCore

/// The status line's pure update functions (``StatusLineState``): each takes
/// the line and, where time matters, a clock: the snapshot's (`now`, `nil`
/// before the first snapshot) to date the log, the tick's for the pin and
/// the expiries (``tick(_:now:)``).
public enum StatusLineUpdate {
  /// Shows `text` and logs it. An info or success message expires
  /// ``StatusLineState/messageMs`` after the next tick; a refusal or failure
  /// (warn, critical) is pinned ahead of background messages until the next
  /// key or ``StatusLineState/pinMs`` after the next tick, then expires like
  /// the others (``releasePin(_:keepCurrent:)``). Drops a background message
  /// that waited behind an earlier pin.
  public static func set(_ line: inout StatusLineState, _ text: String, _ level: StatusLevel, now: Timestamp?)
  {
    line.message = text
    line.level = level
    line.pinned = level == .warn || level == .critical
    line.expiry = nil
    line.expiresAfterMs = line.pinned ? nil : StatusLineState.messageMs
    line.pinnedUntil = nil
    line.queued = nil
    log(&line, text, level, now: now)
  }

  /// Shows a message nobody asked for — another dashboard's pointer move, a
  /// live-update notice — until `expiry` (`nil`: ``StatusLineState/messageMs``
  /// after the next tick, as an outcome), unless a
  /// pinned refusal is on the line: then the message is only logged and
  /// waits in ``StatusLineState/queued``. A warn or critical background
  /// message pins like ``set(_:_:_:now:)``.
  public static func setBackground(
    _ line: inout StatusLineState, _ text: String, _ level: StatusLevel, until expiry: Timestamp?,
    now: Timestamp?
  ) {
    guard !line.pinned else {
      log(&line, text, level, now: now)
      line.queued = (StatusLogEntry(text: text, level: level, at: now ?? line.clock), expiry)
      return
    }
    set(&line, text, level, now: now)
    // Without an expiry of its own it leaves as an outcome does.
    if let expiry {
      line.expiry = expiry
      line.expiresAfterMs = nil
    }
  }

  /// Takes the message off the line (it stays in the log), with its pin,
  /// expiry and whatever waited behind it: the line is empty.
  public static func clear(_ line: inout StatusLineState) {
    line.message = nil
    line.expiry = nil
    line.expiresAfterMs = nil
    line.pinned = false
    line.pinnedUntil = nil
    line.queued = nil
  }

  /// Releases a pinned message (a key was pressed, or its time ran out) and
  /// shows the background message that waited behind it, if any; else the
  /// refusal stays and leaves ``StatusLineState/messageMs`` after the next
  /// tick, as an outcome does. `keepCurrent`: a key set a message of its
  /// own, which stays; the waiting one is then only in the log.
  public static func releasePin(_ line: inout StatusLineState, keepCurrent: Bool = false) {
    line.pinned = false
    line.pinnedUntil = nil
    guard let queued = line.queued else {
      if !keepCurrent && line.expiry == nil { line.expiresAfterMs = StatusLineState.messageMs }
      return
    }
    line.queued = nil
    guard !keepCurrent else { return }
    line.message = queued.entry.text
    line.level = queued.entry.level
    line.expiry = queued.expiry
    // Shown now: without an expiry of its own it leaves as an outcome does
    // (it once stayed until something replaced it, a minute and more).
    line.expiresAfterMs = queued.expiry == nil ? StatusLineState.messageMs : nil
  }

  /// The clock moved to `now` (kept in ``StatusLineState/clock``): a pin
  /// shown since the last tick gets its end (``StatusLineState/pinMs`` from
  /// `now`), a pin whose time ran out is released, a
  /// message shown since the last tick gets its expiry
  /// (``StatusLineState/expiresAfterMs`` from `now`), then a message whose
  /// expiry is reached leaves the line.
  public static func tick(_ line: inout StatusLineState, now: Timestamp) {
    line.clock = now
    // A pin shown since the last tick starts its time now.
    if line.pinned && line.pinnedUntil == nil {
      line.pinnedUntil = now.adding(milliseconds: StatusLineState.pinMs)
    }
    if line.pinned, let until = line.pinnedUntil, now >= until { releasePin(&line) }
    if let ms = line.expiresAfterMs {
      line.expiry = now.adding(milliseconds: ms)
      line.expiresAfterMs = nil
    }
    if let expiry = line.expiry, now >= expiry {
      line.message = nil
      line.expiry = nil
    }
  }

  /// Appends a message to ``StatusLineState/log`` (the same text and level
  /// twice in a row is logged once), dropping the oldest beyond
  /// ``StatusLineState/logLimit``; dated `now`, else by the last tick's
  /// clock (``StatusLineState/clock``).
  public static func log(_ line: inout StatusLineState, _ text: String, _ level: StatusLevel, now: Timestamp?)
  {
    if let last = line.log.last, last.text == text, last.level == level { return }
    line.log.append(StatusLogEntry(text: text, level: level, at: now ?? line.clock))
    if line.log.count > StatusLineState.logLimit {
      line.log.removeFirst(line.log.count - StatusLineState.logLimit)
    }
  }

  /// Store work started: the line says "saving…" (any command pending) or
  /// "loading…", and remembers what it showed before. A pinned refusal
  /// stays through a load nobody asked for; "saving…" (a command the
  /// operator just gave) replaces it.
  public static func storeStarted(_ line: inout StatusLineState, _ activity: StoreActivity) {
    if line.pinned && activity == .loading && !line.storeActivities.contains(.saving) {
      line.storeActivities.append(activity)
      return
    }
    if line.storeActivities.isEmpty || !showsStoreActivity(line) {
      line.beforeStoreActivity = (line.message, line.level, line.expiry, line.expiresAfterMs)
    }
    line.storeActivities.append(activity)
    showStoreActivity(&line)
  }

  /// The oldest store work of kind `activity` ended and its answers were
  /// applied. An answer that set the line (a command's outcome) stays; a
  /// "saving…"/"loading…" no answer replaced makes way for the work still
  /// pending, or for the line shown before the work started.
  public static func storeFinished(_ line: inout StatusLineState, _ activity: StoreActivity) {
    if let i = line.storeActivities.firstIndex(of: activity) { line.storeActivities.remove(at: i) }
    guard showsStoreActivity(line) else { return }
    if !line.storeActivities.isEmpty {
      showStoreActivity(&line)
    } else if let before = line.beforeStoreActivity {
      line.message = before.message
      line.level = before.level
      line.expiry = before.expiry
      line.expiresAfterMs = before.expiresAfterMs
      line.beforeStoreActivity = nil
    } else {
      line.message = nil
      line.expiry = nil
      line.expiresAfterMs = nil
    }
  }

  /// Whether the line shows a store activity's text.
  static func showsStoreActivity(_ line: StatusLineState) -> Bool {
    line.message == StoreActivity.saving.statusText || line.message == StoreActivity.loading.statusText
  }

  /// Shows "saving…" while a command is pending, else "loading…" (until the work ends).
  static func showStoreActivity(_ line: inout StatusLineState) {
    guard let first = line.storeActivities.first else { return }
    let shown: StoreActivity = line.storeActivities.contains(.saving) ? .saving : first
    line.message = shown.statusText
    line.level = .info
    line.expiry = nil
    line.expiresAfterMs = nil
  }
}
