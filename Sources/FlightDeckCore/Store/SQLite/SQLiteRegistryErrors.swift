import Foundation
import GRDB

/// Turns SQLite and GRDB failures into ``RegistryError`` values with a
/// sentence naming the database file.
///
/// `SQLITE_FULL` → `.diskFull`; `SQLITE_READONLY` (and `SQLITE_CANTOPEN` when
/// the folder is not writable) → `.readOnly`; `SQLITE_BUSY`/`SQLITE_LOCKED` →
/// `.busy`; `SQLITE_NOTADB`/`SQLITE_CORRUPT` → `.corrupt`; anything else →
/// `.storage` with SQLite's own message (<https://www.sqlite.org/rescode.html>).
/// A ``RegistryError`` passes through unchanged.
enum SQLiteRegistryErrors {
  /// The registry error for `error` raised while using the database at `path`.
  static func map(_ error: any Error, path: String) -> RegistryError {
    if let e = error as? RegistryError { return e }
    if error is RowDecodingError {
      return RegistryError(.corrupt, "\(path) holds a value FlightDeck cannot read; it is damaged (\(error))")
    }
    guard let db = error as? DatabaseError else {
      return RegistryError(.storage, "registry database \(path): \(error)")
    }
    let message = db.message ?? "SQLite error \(db.resultCode.rawValue)"
    switch db.resultCode {
    case .SQLITE_FULL:
      return RegistryError(.diskFull, "the disk holding \(path) is full; nothing was changed (\(message))")
    case .SQLITE_READONLY:
      return RegistryError(
        .readOnly, "the registry database \(path) is read-only; nothing was changed (\(message))")
    case .SQLITE_BUSY, .SQLITE_LOCKED:
      return RegistryError(
        .busy, "the registry database \(path) stayed locked by another process for more than 5 s; try again")
    case .SQLITE_NOTADB, .SQLITE_CORRUPT:
      return RegistryError(
        .corrupt, "\(path) is not a FlightDeck registry database or is damaged (\(message))")
    case .SQLITE_CANTOPEN, .SQLITE_PERM, .SQLITE_AUTH:
      let dir = (path as NSString).deletingLastPathComponent
      var isFolder: ObjCBool = false
      if !dir.isEmpty && !FileManager.default.fileExists(atPath: dir, isDirectory: &isFolder) {
        return RegistryError(
          .storage, "the folder \(dir) does not exist, so \(path) cannot be created (make the folder first)")
      }
      if !dir.isEmpty && access(dir, W_OK) != 0 {
        return RegistryError(
          .readOnly, "the workspace folder \(dir) is read-only, so \(path) cannot be opened for writing")
      }
      return RegistryError(.storage, "cannot open the registry database \(path) (\(message))")
    default:
      return RegistryError(.storage, "registry database \(path): \(message)")
    }
  }

}
