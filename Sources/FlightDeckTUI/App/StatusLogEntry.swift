import FlightDeckCore

/// One message the status line showed or was given, kept in
/// ``AppState/statusLog`` so a message replaced before it was read — a
/// refusal followed by another operator's pointer move, a long database
/// error — can be read whole in the messages view (`M`, ``MessagesOverlay``),
/// as lazygit's command log keeps what scrolled by.
public struct StatusLogEntry: Sendable, Hashable {
  /// The message as given (sanitised when drawn).
  public var text: String
  /// Its level: outcome, refusal or failure.
  public var level: StatusLevel
  /// The clock of the snapshot on screen when it was given (`nil` before the first snapshot).
  public var at: Timestamp?

  /// Creates an entry.
  public init(text: String, level: StatusLevel, at: Timestamp?) {
    self.text = text
    self.level = level
    self.at = at
  }
}
