import Foundation

/// What `flightdeck doctor` sees of a secret file without reading its
/// value: that it exists, is a regular file (after symbolic links, as a
/// Kubernetes secret volume mounts keys), may be read by its owner only
/// (no group or other permission bits, as `ssh` demands of a private key
/// and FlightDeck's readers demand of every secret), belongs to the user
/// running FlightDeck, and is not larger than its reader accepts.
///
/// The readers themselves (``NotificationSecrets/read(_:key:configFile:)``,
/// the receiver's token reader, the PostgreSQL password file) refuse the
/// same files; this inspection says why in one line without running them.
public enum SecretFileInspection {
  /// Inspects the file at `path` (a `~` is not expanded).
  /// - Parameters:
  ///   - maxBytes: the largest file its reader accepts.
  ///   - effectiveUser: the user id to compare the owner with (this process's by default).
  /// - Returns: `.ok` with the mode and size; `.warn` when another user owns
  ///   it; `.fail` when it is missing, unreadable, not a regular file, open to
  ///   group or others, empty or too large. The detail names the fix
  ///   (`chmod 600 PATH`) and never the content.
  public static func inspect(_ path: String, maxBytes: Int, effectiveUser: uid_t = geteuid()) -> (
    DoctorOutcome, String
  ) {
    var link = stat()
    let isLink = lstat(path, &link) == 0 && link.st_mode & S_IFMT == S_IFLNK
    let target = isLink ? URL(fileURLWithPath: path).resolvingSymlinksInPath().path : path
    var info = stat()
    guard stat(target, &info) == 0 else {
      return (.fail, "\(path): \(String(cString: strerror(errno)))")
    }
    let via = isLink ? " (a link to \(target))" : ""
    guard info.st_mode & S_IFMT == S_IFREG else { return (.fail, "\(path)\(via) is not a regular file") }
    let mode = Int(info.st_mode & 0o7777)
    let octal = String(mode, radix: 8)
    if mode & 0o077 != 0 {
      return (
        .fail,
        "\(path)\(via) may be read by group or others (mode \(octal)): a secret others can read is not a secret; chmod 600 \(path)"
      )
    }
    guard access(target, R_OK) == 0 else {
      return (.fail, "\(path)\(via) cannot be read by this user: \(String(cString: strerror(errno)))")
    }
    guard info.st_size > 0 else { return (.fail, "\(path)\(via) is empty") }
    guard info.st_size <= maxBytes else {
      return (.fail, "\(path)\(via) is larger than \(maxBytes) bytes")
    }
    if info.st_uid != effectiveUser {
      return (
        .warn,
        "\(path)\(via) is owner-only (mode \(octal)) but owned by uid \(info.st_uid), not this user (uid \(effectiveUser))"
      )
    }
    return (.ok, "\(path)\(via): owner-only (mode \(octal)), \(info.st_size) bytes")
  }
}
