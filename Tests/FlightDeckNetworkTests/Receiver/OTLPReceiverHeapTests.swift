import Foundation
import Testing

@testable import FlightDeckNetwork

/// The allocator setting the receiver makes at start.
@Suite struct OTLPReceiverHeapTests {
  /// On glibc, without `MALLOC_MMAP_THRESHOLD_` in the environment, glibc
  /// takes the fixed threshold (`mallopt` answers 1); elsewhere nothing is
  /// set.
  @Test func glibcTakesTheFixedMmapThreshold() {
    #if canImport(Glibc)
      let expected = ProcessInfo.processInfo.environment["MALLOC_MMAP_THRESHOLD_"] == nil
    #else
      let expected = false
    #endif
    #expect(OTLPReceiverHeap.returnLargeBlocksToTheSystem() == expected)
    #expect(OTLPReceiverHeap.mmapThresholdBytes == 1_048_576)
  }
}
