#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// How telemetry paths given on the command line become files, for every
/// command that takes them (`dashboard`, `replay`, `render`, `analysis show`,
/// `alerts eval`, `retro --telemetry`, `kpi --telemetry`, `rollout drive`),
/// the same rule as the live ``Tailer``'s discovery.
///
/// Each argument, in order:
/// - `-` is **standard input** (batch commands), taken once;
/// - an argument that **exists** is that file or folder, whatever characters
///   its name holds: `req[1].jsonl` is the file of that name, never a
///   pattern. A **folder** contributes the regular files directly in it whose
///   names look like telemetry (``TelemetryFileName/isTelemetry(_:)``),
///   sorted bytewise; a **regular file** is taken as is; anything else (FIFO,
///   socket, device) is an error, since reading a FIFO would block forever;
/// - otherwise an argument with `*`, `?` or `[` is a **glob** (`glob(3)`),
///   expanded only because no file has that exact name; its regular-file
///   matches are taken in `glob`'s sorted order;
/// - anything else, and a glob or folder that yields no file, **matches
///   nothing**, which is an error naming the argument: a command never reads
///   nothing silently (an empty dashboard, a report of zero requests).
///
/// The one difference between commands: the live dashboard follows a folder
/// that exists but holds no telemetry file yet (``checkFollowable(_:)``), as
/// files appear in it later; batch commands (``expand(_:)``) refuse it.
public enum TelemetryPathExpansion {
  /// An argument that cannot be read as telemetry: `path` as given and why.
  public struct PathError: Error, Equatable, CustomStringConvertible {
    /// The argument as given.
    public var path: String
    /// Why, e.g. `no such file, directory or matching glob`.
    public var reason: String

    /// An error for the argument `path`, for `reason`.
    public init(path: String, reason: String) {
      self.path = path
      self.reason = reason
    }

    /// `<path>: <reason>`.
    public var description: String { "\(path): \(reason)" }
  }

  /// The files the arguments name, in argument order (see the rule above).
  /// - Throws: ``PathError`` for the first argument that matches nothing
  ///   (`no such file, directory or matching glob`, `the glob matches no
  ///   regular file`, `no telemetry files in the folder (…)`) or names an
  ///   existing file that is not a regular file or folder (`not a regular
  ///   file (a FIFO)`, naming the kind).
  public static func expand(_ paths: [String]) throws -> [String] {
    var files: [String] = []
    for p in paths {
      if p == "-" {
        if !files.contains("-") { files.append("-") }
        continue
      }
      let found = try matches(of: p)
      if found.isEmpty {
        throw PathError(
          path: p, reason: "no telemetry files in the folder (\(Self.extensionList), or their rotations)")
      }
      files.append(contentsOf: found)
    }
    return files
  }

  /// Checks the arguments of the live dashboard: each must exist (a file or
  /// a folder, even an empty one, whose files will be followed as they
  /// appear) or be a glob that matches at least one regular file now.
  /// - Throws: ``PathError`` for the first argument that matches nothing or
  ///   is not a regular file or folder.
  public static func checkFollowable(_ patterns: [String]) throws {
    for p in patterns { _ = try matches(of: p) }
  }

  /// `*.jsonl, *.json, *.ndjson, *.log`.
  static var extensionList: String {
    TelemetryFileName.extensions.sorted().map { "*.\($0)" }.joined(separator: ", ")
  }

  /// The files one argument names (empty for a folder without telemetry files).
  /// - Throws: ``PathError`` when it matches nothing or is not a regular file or folder.
  static func matches(of p: String) throws -> [String] {
    switch PosixFile.status(path: p) {
    case .success(let info):
      switch info.kind {
      case .directory: return directoryFiles(p)
      case .regular: return [p]
      case .other:
        throw PathError(path: p, reason: "not a regular file (a \(info.kindName ?? "special file"))")
      }
    case .failure:
      guard Tailer.isGlob(p) else {
        throw PathError(path: p, reason: "no such file, directory or matching glob")
      }
      let matches = PosixFile.expandGlob(p).filter(isRegularFile)
      if matches.isEmpty {
        let reason =
          PosixFile.expandGlob(p).isEmpty
          ? "no such file, directory or matching glob" : "the glob matches no regular file"
        throw PathError(path: p, reason: reason)
      }
      return matches
    }
  }

  /// Whether `path` names a regular file (following symbolic links).
  static func isRegularFile(_ path: String) -> Bool {
    if case .success(let info) = PosixFile.status(path: path) { return info.kind == .regular }
    return false
  }

  /// The telemetry files directly in `dir`, sorted bytewise.
  static func directoryFiles(_ dir: String) -> [String] {
    guard case .success(let names) = PosixFile.listDirectory(dir) else { return [] }
    let prefix = dir.hasSuffix("/") ? dir : dir + "/"
    return names.filter(TelemetryFileName.isTelemetry).map { prefix + $0 }.filter(isRegularFile)
  }
}
