/// The messages view (`M`): the message under the cursor (Enter opens it
/// whole) and how far the view is scrolled. The messages are
/// ``AppState/statusLog``, newest first.
public struct MessagesOverlayState: Sendable, Hashable {
  /// The first line shown (0: the newest message's first line).
  public var offset: Int = 0
  /// The message under the cursor, counted from the newest (0).
  public var cursor: Int = 0

  /// Creates the state scrolled to the newest message, the cursor on it.
  public init(offset: Int = 0) { self.offset = offset }
}

extension MessagesOverlayState {
  /// Moves through messages whose lines are `spans` (newest first), `room`
  /// lines shown: ±1 moves the cursor one message and scrolls it into view;
  /// ±`edge` or beyond goes to the first or last message; any other step
  /// scrolls that many lines (a page) and puts the cursor on the message at
  /// the top (at either end of the scroll: on the first or last message).
  public mutating func move(by delta: Int, spans: [Range<Int>], room: Int, edge: Int) {
    guard let total = spans.last?.upperBound else {
      offset = 0
      cursor = 0
      return
    }
    let lastOffset = max(0, total - room)
    cursor = min(max(0, cursor), spans.count - 1)
    if abs(delta) == 1 || abs(delta) >= edge {
      cursor =
        abs(delta) == 1 ? min(max(0, cursor + delta), spans.count - 1) : (delta < 0 ? 0 : spans.count - 1)
      let span = spans[cursor]
      if span.lowerBound < offset {
        offset = span.lowerBound
      } else if span.upperBound > offset + room {
        offset = min(span.lowerBound, span.upperBound - room)
      }
    } else {
      let next = min(max(0, offset + delta), lastOffset)
      if next == offset {
        cursor = delta < 0 ? 0 : spans.count - 1
      } else {
        offset = next
        cursor = spans.lastIndex { $0.lowerBound <= next } ?? 0
      }
    }
    offset = min(max(0, offset), lastOffset)
  }
}
