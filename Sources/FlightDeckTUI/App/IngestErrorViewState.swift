import FlightDeckCore

/// The ingest error view (Enter in the Ingest errors pane): the error and
/// how far its lines are scrolled.
public struct IngestErrorViewState: Sendable, Hashable {
  /// The error shown whole.
  public var error: IngestError
  /// The first line shown (0: the top).
  public var offset: Int = 0

  /// The view of `error`, scrolled to the top.
  public init(error: IngestError) { self.error = error }
}
