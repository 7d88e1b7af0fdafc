import Foundation
import Glibc

/// A blocking TCP connection to 127.0.0.1 for tests that must send a
/// request in steps (a head, then its body once `100 Continue` came) and see
/// exactly what the receiver wrote and whether it closed. Every read gives
/// up after `timeout` seconds without data (`SO_RCVTIMEO`), so a test
/// against a server that never answers fails instead of hanging.
final class RawHTTPConnection {
  private let fd: Int32
  /// Bytes received and not yet returned.
  private var pending: [UInt8] = []

  /// Connects; `nil` when the connection is refused.
  init?(port: Int, timeout: Int = 10) {
    fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { return nil }
    var tv = timeval(tv_sec: timeout, tv_usec: 0)
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = in_port_t(UInt16(port).bigEndian)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let connected = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
      }
    }
    guard connected == 0 else {
      close(fd)
      return nil
    }
  }

  deinit { close(fd) }

  /// Sends `bytes` (all of them, or as many as the peer takes).
  func send(_ bytes: [UInt8]) {
    var offset = 0
    while offset < bytes.count {
      let n = bytes[offset...].withUnsafeBytes {
        Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
      }
      if n <= 0 { return }
      offset += n
    }
  }

  /// Sends `text` as UTF-8.
  func send(_ text: String) { send(Array(text.utf8)) }

  /// One more read into ``pending``; `false` at end of stream, on error or
  /// on timeout.
  private func fill() -> Bool {
    var chunk = [UInt8](repeating: 0, count: 65536)
    let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
    guard n > 0 else { return false }
    pending += chunk[0..<n]
    return true
  }

  /// The next response head, through its blank line, or what came before
  /// the stream ended or the timeout passed.
  func readHead() -> String {
    while true {
      if let end = Self.headEnd(pending) {
        let head = String(decoding: pending[..<end], as: UTF8.self)
        pending.removeFirst(end)
        return head
      }
      if !fill() {
        defer { pending = [] }
        return String(decoding: pending, as: UTF8.self)
      }
    }
  }

  /// The next response: its head and as many body bytes as its
  /// `Content-Length` says.
  func readResponse() -> String {
    let head = readHead()
    let length =
      head.lowercased().split(separator: "\r\n")
      .first { $0.hasPrefix("content-length:") }
      .flatMap { Int($0.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)) } ?? 0
    while pending.count < length, fill() {}
    let body = pending.prefix(length)
    pending.removeFirst(body.count)
    return head + String(decoding: body, as: UTF8.self)
  }

  /// `true` when the server closed the connection (end of stream or a
  /// reset) with nothing more to read; `false` when bytes came or the
  /// timeout passed with the connection open.
  func isClosedByServer() -> Bool {
    guard pending.isEmpty else { return false }
    var byte: UInt8 = 0
    let n = recv(fd, &byte, 1, 0)
    if n == 0 { return true }
    if n < 0 { return errno == ECONNRESET }
    pending.append(byte)
    return false
  }

  private static func headEnd(_ bytes: [UInt8]) -> Int? {
    guard bytes.count >= 4 else { return nil }
    for i in 0...(bytes.count - 4)
    where bytes[i] == 13 && bytes[i + 1] == 10 && bytes[i + 2] == 13 && bytes[i + 3] == 10 {
      return i + 4
    }
    return nil
  }
}

extension RawHTTPConnection {
  /// Runs `work` (blocking socket calls) on a Dispatch thread, off the
  /// cooperative pool.
  static func blocking<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
    await withCheckedContinuation { continuation in
      DispatchQueue.global().async { continuation.resume(returning: work()) }
    }
  }
}
