import FlightDeckCore

/// The status line's own model (one of ``AppState``'s sub-models): the
/// message on show, its level and expiry, whether a refusal is pinned ahead
/// of background messages, the message log and the store work it announces.
///
/// Changed only by ``StatusLineUpdate``'s pure functions, which take the
/// snapshot clock as an argument (no clock reads).
public struct StatusLineState: Sendable {
  /// The message on show, if any.
  public var message: String?
  /// How ``message`` is styled.
  public var level: StatusLevel = .info
  /// When ``message`` expires (`nil`: when replaced, or not yet known:
  /// ``expiresAfterMs``). Background messages carry their own; refusals
  /// and failures are pinned instead (``pinned``) and stay until replaced;
  /// store work stays until it ends.
  public var expiry: Timestamp?
  /// How long an info or success message stays once shown, ms: turned into
  /// ``expiry`` by the next tick, on the tick's clock (the dashboard's, the
  /// same as background messages' expiries), not the snapshot's, which for a
  /// historic file is the newest record's time, long past; `nil` otherwise.
  public var expiresAfterMs: Int64?
  /// Whether the message is a refusal or failure the operator may not have
  /// read yet: set when a warn or critical message is shown, cleared by the
  /// next key or at ``pinnedUntil``. While set, messages nobody asked for
  /// (another dashboard's pointer move, live-update notices, a background
  /// reload's "loading…") are logged in ``log`` and the newest waits in
  /// ``queued`` instead of replacing it.
  public var pinned = false
  /// When a pinned message gives way by itself: the first tick after it
  /// was shown plus ``pinMs``, on the dashboard's clock (a historic file's
  /// snapshot clock is long past); `nil` until that tick.
  public var pinnedUntil: Timestamp?
  /// The newest background message that arrived while the line was pinned,
  /// and its expiry: shown when the pin is released, unless the key that
  /// released it set a message of its own.
  public var queued: (entry: StatusLogEntry, expiry: Timestamp?)?
  /// The messages given to the status line, oldest first, at most
  /// ``logLimit`` (the messages view, `M`).
  public var log: [StatusLogEntry] = []
  /// The dashboard clock's time at the last tick (``StatusLineUpdate/tick(_:now:)``):
  /// what the log dates a message by when no snapshot clock is given (before
  /// the first snapshot: the demo's opening message); `nil` before any tick.
  public var clock: Timestamp?
  /// Store work the screen is waiting for, oldest first (a registry
  /// command: ``StoreActivity/saving``; a load a key asked for:
  /// ``StoreActivity/loading``), while the status line says so.
  public var storeActivities: [StoreActivity] = []
  /// The line the first pending store activity replaced (message, level,
  /// expiry, ``expiresAfterMs``), shown again when the work ends without an
  /// answer of its own.
  public var beforeStoreActivity:
    (message: String?, level: StatusLevel, expiry: Timestamp?, expiresAfterMs: Int64?)?

  /// How long a refusal or failure stays ahead of background messages when
  /// no key is pressed, ms.
  public static let pinMs: Int64 = 10_000
  /// How long an info or success message stays on the line, ms (a tester
  /// found "promoted…" still there minutes later).
  public static let messageMs: Int64 = 8_000
  /// How many messages ``log`` keeps.
  public static let logLimit = 200

  /// An empty status line.
  public init() {}
}
