/// Where a workspace's store lives: a URL naming its backend by scheme.
///
/// - `sqlite:PATH` — a SQLite database file (relative paths are relative to
///   the current directory; a folder means `PATH/registry.sqlite`); the
///   embedded default is the workspace folder's `registry.sqlite`.
/// - `postgres://USER@HOST:PORT/DATABASE?…` (or `postgresql://`) — a
///   PostgreSQL database shared by a team; the PostgreSQL backend documents
///   its query items.
///
/// Given with `--store URL` or `FLIGHTDECK_STORE`. The text is kept as given
/// (the backend parses the rest); ``description`` masks a password so a
/// location can be printed and logged.
public struct StoreLocation: Sendable, Hashable, CustomStringConvertible {
  /// The scheme in lowercase (`sqlite`, `postgres`): which backend opens it.
  public let scheme: String
  /// The whole location as given.
  public let text: String

  /// Parses `text`.
  /// - Throws: ``RegistryError`` `.invalidInput(field: "store")` for an empty
  ///   text, a missing scheme (a bare path: "write sqlite:PATH"), control
  ///   characters, or more than 4 096 bytes.
  public init(parsing text: String) throws {
    guard !text.isEmpty else {
      throw RegistryError(.invalidInput(field: "store"), "--store is empty: give sqlite:PATH or postgres://…")
    }
    guard text.utf8.count <= 4096 else {
      throw RegistryError(.invalidInput(field: "store"), "the store location is longer than 4096 bytes")
    }
    guard !text.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else {
      throw RegistryError(.invalidInput(field: "store"), "the store location holds a control character")
    }
    guard let colon = text.firstIndex(of: ":"),
      text[..<colon].allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "+-.".contains($0)) }),
      text[..<colon].first?.isLetter == true
    else {
      throw RegistryError(
        .invalidInput(field: "store"),
        "the store location \(Self.mask(text)) has no scheme: write sqlite:PATH or postgres://USER@HOST/DATABASE"
      )
    }
    var scheme = text[..<colon].lowercased()
    if scheme == "postgresql" { scheme = "postgres" }
    self.scheme = scheme
    self.text = text
  }

  /// The SQLite database file `path` (`sqlite:PATH`).
  public static func sqlite(path: String) -> StoreLocation {
    StoreLocation(scheme: "sqlite", text: "sqlite:" + path)
  }

  private init(scheme: String, text: String) {
    self.scheme = scheme
    self.text = text
  }

  /// Everything after `scheme:` (a SQLite path; `//USER@HOST/…` for PostgreSQL).
  public var rest: String { String(text[text.index(after: text.firstIndex(of: ":")!)...]) }

  /// The location with any password replaced by `***`, for messages and logs.
  public var description: String { Self.mask(text) }

  /// `text` with the password of a `//user:password@host` authority masked.
  static func mask(_ text: String) -> String {
    guard let slashes = text.range(of: "://") else { return text }
    let authorityEnd = text[slashes.upperBound...].firstIndex(where: { "/?#".contains($0) }) ?? text.endIndex
    let authority = text[slashes.upperBound..<authorityEnd]
    guard let at = authority.lastIndex(of: "@"), let colon = authority[..<at].firstIndex(of: ":") else {
      return text
    }
    return String(text[..<authority.index(after: colon)]) + "***" + String(text[at...])
  }
}
