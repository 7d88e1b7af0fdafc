import FlightDeckCore
import FlightDeckTUI

/// A scripted driver for the dashboard app, in the style of bubbletea's
/// `teatest`: feed keys, text, resizes and snapshots; read the frame as text.
///
/// Every step goes through a ``TestBackend`` exactly like the real run loop:
/// events are queued, read back, turned into ``AppMessage``s, applied with
/// ``AppUpdate/update(_:_:)``, and the screen is re-rendered with
/// ``ScreenView`` into the backend.
public final class AppDriver {
  /// The app state after the last step.
  public private(set) var state: AppState
  /// The backend frames go to.
  public let backend: TestBackend
  /// Every effect returned so far, in order.
  public private(set) var effects: [AppEffect] = []
  /// Glyph tables used to render.
  public var symbols: Symbols
  /// Theme handed to the backend.
  public var theme: Theme
  /// The registry the driver acts on, as the run loop's desk: when set,
  /// registry effects (``AppEffect/registry(_:)``, history and audit loads)
  /// are carried out through it by ``RegistryBridge`` and their answers
  /// applied, exactly as ``DashboardLoop`` does.
  public var releaseDesk: ReleaseDesk?

  /// Creates a driver with a `width` × `height` backend and renders the first frame.
  public init(
    width: Int = 80, height: Int = 24, state: AppState = AppState(), symbols: Symbols = .braille,
    theme: Theme = Theme(name: "test", entries: [:])
  ) {
    backend = TestBackend(width: width, height: height)
    var s = state
    s.width = width
    s.height = height
    self.state = s
    self.symbols = symbols
    self.theme = theme
    render()
  }

  /// Applies `message`, records its effects and re-renders; returns the effects.
  @discardableResult
  public func apply(_ message: AppMessage) -> [AppEffect] {
    let out = AppUpdate.update(&state, message)
    effects += out
    if let desk = releaseDesk {
      for effect in out where RegistryBridge.handles(effect) {
        for answer in RegistryBridge.execute(effect, desk: desk) {
          let more = AppUpdate.update(&state, answer)
          effects += more
        }
      }
    }
    render()
    return out
  }

  /// Polls ``releaseDesk`` at `now` as the run loop does each step and
  /// applies a new registry snapshot (or unavailability) if there is one.
  /// - Returns: whether a message was applied.
  @discardableResult
  public func pollRegistry(now: Timestamp) -> Bool {
    guard let desk = releaseDesk, let message = RegistryBridge.poll(desk, now: now) else { return false }
    apply(message)
    return true
  }

  /// Presses `key` (through the backend's input queue).
  @discardableResult
  public func send(_ key: Key) -> [AppEffect] {
    backend.enqueue(.key(key))
    return pump()
  }

  /// Types every character of `text` as a key press.
  @discardableResult
  public func type(_ text: String) -> [AppEffect] {
    for c in text { backend.enqueue(.key(.char(c))) }
    return pump()
  }

  /// Resizes the terminal to `width` × `height`.
  @discardableResult
  public func resize(width: Int, height: Int) -> [AppEffect] {
    backend.resize(width: width, height: height)
    return pump()
  }

  /// Delivers `snapshot` as the engine would.
  @discardableResult
  public func apply(snapshot: DashboardSnapshot) -> [AppEffect] { apply(.newSnapshot(snapshot)) }

  /// The current frame as text rows.
  public var frame: [String] { backend.frameText }

  /// Reads every queued event and applies it; returns the effects.
  func pump() -> [AppEffect] {
    var out: [AppEffect] = []
    while let event = backend.readEvent(timeoutMs: 0) {
      switch event {
      case .key(let key): out += apply(.key(key))
      case .mouse(let event): out += apply(.mouse(event))
      case .resize(let w, let h): out += apply(.resize(width: w, height: h))
      }
    }
    return out
  }

  /// Renders the state into the backend.
  func render() {
    let canvas = ScreenView.view(state: state, symbols: symbols)
    try? backend.draw(canvas, theme: theme)
  }
}
