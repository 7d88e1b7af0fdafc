import FlightDeckCore

/// The pointer-history overlay (`h`): the moves of one artefact's pointers,
/// once loaded, and how far it is scrolled.
public struct HistoryOverlayState: Sendable, Hashable {
  /// The artefact shown.
  public var artefact: String
  /// The moves, oldest first (`nil` while loading).
  public var moves: [PointerMove]?
  /// Why loading failed, if it did.
  public var error: String?
  /// The first row shown (0: the newest move, which is listed first).
  public var offset: Int = 0

  /// Creates the overlay state for `artefact`, loading.
  public init(artefact: String) { self.artefact = artefact }
}
