import FlightDeckCore
import Foundation

/// Whether FlightDeck could listen on an address now: `flightdeck doctor`
/// binds a TCP socket to it the way its servers do (SwiftNIO's server
/// bootstrap sets `SO_REUSEADDR`, so a port left in `TIME_WAIT` counts as
/// free), and closes it at once without listening.
public enum ListenPortProbe {
  /// The outcome of binding `address` (every address its host resolves to,
  /// as the servers bind the first that works).
  /// - Returns: `nil` when it can be bound (or the port is 0: the system
  ///   picks one); else why not, in words: the port is in use (another
  ///   FlightDeck, or another program), the address is not one of this
  ///   machine's, the port needs privileges, or the host does not resolve.
  public static func problem(binding address: ReceiverListenAddress) -> String? {
    if address.port == 0 { return nil }
    var hints = addrinfo()
    hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV
    hints.ai_family = AF_UNSPEC
    #if canImport(Glibc)
      hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
    #else
      hints.ai_socktype = SOCK_STREAM
    #endif
    var list: UnsafeMutablePointer<addrinfo>?
    let status = getaddrinfo(address.host, String(address.port), &hints, &list)
    guard status == 0, let first = list else {
      return "\(address.host) does not resolve: \(String(cString: gai_strerror(status)))"
    }
    defer { freeaddrinfo(first) }
    var lastError: Int32 = 0
    var entry: UnsafeMutablePointer<addrinfo>? = first
    while let info = entry {
      entry = info.pointee.ai_next
      let fd = socket(info.pointee.ai_family, info.pointee.ai_socktype, info.pointee.ai_protocol)
      guard fd >= 0 else {
        lastError = errno
        continue
      }
      var one: Int32 = 1
      _ = setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
      let bound = bind(fd, info.pointee.ai_addr, info.pointee.ai_addrlen) == 0
      lastError = errno
      close(fd)
      if bound { return nil }
    }
    switch lastError {
    case EADDRINUSE:
      return
        "port \(address.port) is in use on \(address.host) (another FlightDeck, or another program: `ss -ltnp 'sport = :\(address.port)'` names it)"
    case EADDRNOTAVAIL: return "\(address.host) is not an address of this machine"
    case EACCES:
      return "port \(address.port) needs privileges (ports below 1024), or a policy forbids binding it"
    default: return "cannot bind \(address): \(String(cString: strerror(lastError)))"
    }
  }
}
