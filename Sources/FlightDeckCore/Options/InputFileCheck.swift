#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Checks a path given to a file-taking option (`--config`, `--theme`,
/// `--scenario`, `--rules`, `--results`, `--template`, an import file)
/// before it is read, so that what is wrong is said plainly and a FIFO is
/// never opened for a blocking read.
///
/// The reasons, in the order they are checked:
/// - `does not exist`;
/// - `is a dangling symbolic link (its target does not exist)`;
/// - `is a directory`;
/// - `is not a regular file (a FIFO)` (or a socket, a character device, a
///   block device): not a permission problem, and reading a FIFO would wait
///   for a writer forever;
/// - `cannot be read: permission denied` when opening fails with `EACCES` or
///   `EPERM`, and `cannot be read: <strerror>` for any other failure
///   (``PosixError/readProblem``).
public enum InputFileCheck {
  /// A refused path: the option, the path as given and the reason.
  public struct Problem: Error, Equatable, Sendable, CustomStringConvertible {
    /// The option, e.g. `--config`; `nil` for a positional argument.
    public var option: String?
    /// The path as given.
    public var path: String
    /// Why, e.g. `is not a regular file (a FIFO)`.
    public var reason: String

    /// A problem with `path` of `option`.
    public init(option: String?, path: String, reason: String) {
      self.option = option
      self.path = path
      self.reason = reason
    }

    /// `--config: 'path' is a directory`, or `'path' …` without an option.
    public var description: String { (option.map { "\($0): " } ?? "") + "'\(path)' \(reason)" }
  }

  /// Opens a path for reading without blocking on a FIFO; the descriptor or the `errno`.
  public typealias Opener = @Sendable (String) -> Result<Int32, PosixError>

  /// `open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)`, retried on `EINTR`.
  public static let systemOpen: Opener = { path in
    while true {
      let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
      if fd >= 0 { return .success(fd) }
      if errno != EINTR { return .failure(PosixError(errno)) }
    }
  }

  /// Refuses `path` unless it names a regular file (a symbolic link to one is
  /// fine) that opens for reading.
  /// - Parameters:
  ///   - option: the option for the message.
  ///   - open: how to open it (tests inject a failure: root reads any file,
  ///     so `chmod 000` cannot make one unreadable).
  /// - Throws: ``Problem`` with the first reason that applies (see above).
  public static func check(_ path: String, option: String?, open: Opener = systemOpen) throws {
    func refuse(_ reason: String) -> Problem { Problem(option: option, path: path, reason: reason) }
    guard !path.isEmpty else { throw refuse("is empty: give a file") }
    var st = stat()
    if stat(path, &st) != 0 {
      let error = PosixError(errno)
      var link = stat()
      if error.isNotFound && lstat(path, &link) == 0 && (link.st_mode & S_IFMT) == S_IFLNK {
        throw refuse("is a dangling symbolic link (its target does not exist)")
      }
      throw refuse(error.isNotFound ? "does not exist" : "cannot be read: \(error.readProblem)")
    }
    if let kind = kindName(st.st_mode) {
      throw refuse(kind == "directory" ? "is a directory" : "is not a regular file (a \(kind))")
    }
    switch open(path) {
    case .failure(let error): throw refuse("cannot be read: \(error.readProblem)")
    case .success(let fd): _ = close(fd)
    }
  }

  /// What a file that is not regular is: `directory`, `FIFO`, `socket`,
  /// `character device`, `block device`, `special file`; `nil` for a regular file.
  public static func kindName(_ mode: mode_t) -> String? {
    switch mode & S_IFMT {
    case S_IFREG: return nil
    case S_IFDIR: return "directory"
    case S_IFIFO: return "FIFO"
    case S_IFSOCK: return "socket"
    case S_IFCHR: return "character device"
    case S_IFBLK: return "block device"
    default: return "special file"
    }
  }
}
