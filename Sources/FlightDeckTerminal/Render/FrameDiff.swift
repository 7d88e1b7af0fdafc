import FlightDeckTUI

/// Works out which cells changed between two frames (ratatui's `BufferDiff`).
///
/// Pure; the backend turns the result into `mvwadd_wch` calls. Rules:
/// - a full repaint (no previous frame, or a different size) writes every
///   lead cell;
/// - otherwise a lead cell is written when it differs, or when it is wide and
///   the cell it covers differed (so a wide glyph replacing two narrow ones,
///   or the reverse, is redrawn whole);
/// - continuation cells are never written (the wide lead covers them);
/// - malformed input is repaired rather than trusted: a wide lead without a
///   continuation after it, or one that would cross the right edge, becomes
///   `?` of width 1; an orphan continuation (no wide lead on its left)
///   becomes a blank; widths other than 0, 1, 2 become `?`;
/// - cells outside `columns × rows` (the screen) are clipped.
public enum FrameDiff {
  /// The writes that turn `previous` into `current` on a screen of
  /// `columns × rows` cells, in row-major order.
  /// - Parameters:
  ///   - previous: the frame on screen, or `nil` to repaint everything.
  ///   - current: the new frame.
  ///   - columns: screen width in cells (writes at `x >= columns` are dropped).
  ///   - rows: screen height in cells.
  public static func writes(previous: Canvas?, current: Canvas, columns: Int, rows: Int) -> [CellWrite] {
    let full: Bool
    if let previous, previous.width == current.width, previous.height == current.height {
      full = false
    } else {
      full = true
    }
    let width = min(current.width, max(0, columns))
    let height = min(current.height, max(0, rows))
    var result: [CellWrite] = []
    if full { result.reserveCapacity(width * height) }
    for y in 0..<height {
      for x in 0..<width {
        let cell = current[x, y]
        if cell.isContinuation {
          let hasLead = x > 0 && current[x - 1, y].width == 2
          if hasLead { continue }
          // Orphan continuation: nothing covers it, so draw a blank.
          if full || previous?[x, y] != cell {
            result.append(CellWrite(x: x, y: y, cell: Cell(grapheme: " ", width: 1, style: cell.style)))
          }
          continue
        }
        var changed = full || previous?[x, y] != cell
        if cell.width == 2, !changed, x + 1 < current.width {
          changed = previous?[x + 1, y] != current[x + 1, y]
        }
        guard changed else { continue }
        result.append(CellWrite(x: x, y: y, cell: normalised(cell, x: x, y: y, in: current, columns: width)))
      }
    }
    return result
  }

  private static func normalised(_ cell: Cell, x: Int, y: Int, in canvas: Canvas, columns: Int) -> Cell {
    switch cell.width {
    case 1:
      return cell
    case 2:
      let fits = x + 1 < columns && canvas[x + 1, y].isContinuation
      return fits ? cell : Cell(grapheme: "?", width: 1, style: cell.style)
    default:
      return Cell(grapheme: "?", width: 1, style: cell.style)
    }
  }
}
