import Foundation

/// The receivers' secrets, read from their files once at start: webhook
/// signing secrets and PagerDuty routing keys, by receiver name.
///
/// A secret file must be a regular file that only its owner may read or
/// write (no group or other permission bits, as `ssh` demands of a private
/// key), at most 4 KiB; its content without the trailing newline is the
/// secret. A symbolic link is followed (a Kubernetes secret volume mounts
/// each key as a link into `..data/`), and what it points to must be such a
/// file (mount the secret with `defaultMode: 0400`). Errors name the
/// configuration file, the line and the key of the field that names the
/// secret file, and the secret file itself.
public struct NotificationSecrets: Sendable, Hashable {
  /// Webhook HMAC secrets, by receiver.
  public var signing: [String: [UInt8]]
  /// PagerDuty routing keys, by receiver.
  public var routingKeys: [String: String]

  /// Creates a set of secrets (tests give them directly).
  public init(signing: [String: [UInt8]] = [:], routingKeys: [String: String] = [:]) {
    self.signing = signing
    self.routingKeys = routingKeys
  }

  /// Reads every secret file `configuration` names.
  /// - Throws: ``ConfigurationError`` naming the configuration file, line and
  ///   key (and the secret file) when a file is missing, unreadable, not a
  ///   regular file (after links), not owner-only, empty or too large.
  public static func load(_ configuration: NotificationConfiguration, configFile: String = "")
    throws -> NotificationSecrets
  {
    var out = NotificationSecrets()
    for (i, r) in configuration.receivers.enumerated() {
      if let path = r.secretFile {
        out.signing[r.name] = Array(
          try read(path, key: "notifications.receivers[\(i)].secret_file", configFile: configFile).utf8)
      }
      if let path = r.routingKeyFile {
        out.routingKeys[r.name] = try readRoutingKey(
          path, key: "notifications.receivers[\(i)].routing_key_file", configFile: configFile)
      }
    }
    return out
  }

  /// The PagerDuty routing key in the file `path` (``read(_:key:configFile:)``),
  /// checked to be at most 64 printable ASCII characters.
  /// - Throws: ``ConfigurationError`` as ``read(_:key:configFile:)``, and
  ///   for a key of another shape (the key itself is never in the message).
  public static func readRoutingKey(_ path: String, key field: String, configFile: String = "") throws
    -> String
  {
    let key = try read(path, key: field, configFile: configFile)
    guard key.utf8.count <= 64, key.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value < 0x7F })
    else {
      let reason = "a PagerDuty routing key is at most 64 printable ASCII characters"
      throw configFile.isEmpty
        ? ConfigurationError(file: path, key: field, reason: reason)
        : ConfigurationError(
          file: configFile, line: line(of: field, in: configFile), key: field,
          reason: "secret file \(TerminalText.sanitize(path)): \(reason)")
    }
    return key
  }

  /// The content of the secret file `path`, without its trailing newline.
  /// - Parameters:
  ///   - key: the configuration field naming the file (`notifications.receivers[0].secret_file`).
  ///   - configFile: the configuration file; its line of `key` is named in errors
  ///     (errors name `path` as their file when it is empty).
  /// - Throws: ``ConfigurationError`` (see the type's description).
  public static func read(_ path: String, key: String, configFile: String = "") throws -> String {
    let shown = TerminalText.sanitize(path)
    func fail(_ reason: String) -> ConfigurationError {
      guard !configFile.isEmpty else { return ConfigurationError(file: path, key: key, reason: reason) }
      return ConfigurationError(
        file: configFile, line: line(of: key, in: configFile), key: key,
        reason: "secret file \(shown): \(reason)")
    }
    // Follow symbolic links (a Kubernetes secret mount): the target is what must be a safe file.
    let target = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
    let attributes: [FileAttributeKey: Any]
    do {
      attributes = try FileManager.default.attributesOfItem(atPath: target)
    } catch {
      throw fail("cannot read the secret file")
    }
    guard (attributes[.type] as? FileAttributeType) == .typeRegular else {
      throw fail(
        target == path
          ? "not a regular file" : "the link's target \(TerminalText.sanitize(target)) is not a regular file")
    }
    let mode = (attributes[.posixPermissions] as? NSNumber)?.intValue ?? 0o777
    guard mode & 0o077 == 0 else {
      throw fail(
        "the secret file may be read by others (mode \(String(mode & 0o777, radix: 8))); run chmod 600 \(path)"
      )
    }
    guard let size = (attributes[.size] as? NSNumber)?.intValue, size <= 4096 else {
      throw fail("the secret file is larger than 4 KiB")
    }
    guard let data = FileManager.default.contents(atPath: target),
      let text = String(data: data, encoding: .utf8)
    else { throw fail("cannot read the secret file as UTF-8") }
    var secret = Substring(text)
    while let last = secret.last, last == "\n" || last == "\r" { secret = secret.dropLast() }
    guard !secret.isEmpty else { throw fail("the secret file is empty") }
    return String(secret)
  }

  /// The line of `key` in the TOML file `configFile` (``TOMLKeyLocator``),
  /// `nil` when the file cannot be read (at most 1 MiB is read).
  static func line(of key: String, in configFile: String) -> Int? {
    guard let handle = FileHandle(forReadingAtPath: configFile) else { return nil }
    defer { try? handle.close() }
    guard let data = try? handle.read(upToCount: 1 << 20), let text = String(data: data, encoding: .utf8)
    else { return nil }
    return TOMLKeyLocator(source: text).line(for: key)
  }
}
