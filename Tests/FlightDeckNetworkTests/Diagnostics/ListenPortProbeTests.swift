import FlightDeckCore
import FlightDeckNetwork
import Foundation
import Testing

/// ``ListenPortProbe``: a port another socket listens on is in use; once it
/// is closed it is free; an address that is not this machine's is named.
@Suite struct ListenPortProbeTests {
  /// A socket listening on 127.0.0.1 at a port the system picks, and that port.
  func listener() throws -> (Int32, Int) {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    address.sin_port = 0
    let bound = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
      }
    }
    try #require(bound == 0)
    try #require(listen(fd, 1) == 0)
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    _ = withUnsafeMutablePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
    }
    return (fd, Int(UInt16(bigEndian: address.sin_port)))
  }

  @Test func aListenedPortIsInUseAndFreeOnceClosed() throws {
    let (fd, port) = try listener()
    let problem = ListenPortProbe.problem(binding: ReceiverListenAddress(host: "127.0.0.1", port: port))
    #expect(problem?.hasPrefix("port \(port) is in use on 127.0.0.1") == true)
    close(fd)
    #expect(ListenPortProbe.problem(binding: ReceiverListenAddress(host: "127.0.0.1", port: port)) == nil)
  }

  @Test func portZeroIsAlwaysFree() {
    #expect(ListenPortProbe.problem(binding: ReceiverListenAddress(host: "127.0.0.1", port: 0)) == nil)
  }

  @Test func anAddressOfAnotherMachineIsNamed() {
    // 192.0.2.0/24 is TEST-NET-1 (RFC 5737): never an address of this machine.
    #expect(
      ListenPortProbe.problem(binding: ReceiverListenAddress(host: "192.0.2.1", port: 4318))
        == "192.0.2.1 is not an address of this machine")
  }

  @Test func aHostThatDoesNotResolveIsNamed() {
    let problem = ListenPortProbe.problem(
      binding: ReceiverListenAddress(host: "no-such-host.invalid", port: 4318))
    #expect(problem?.hasPrefix("no-such-host.invalid does not resolve: ") == true)
  }
}
