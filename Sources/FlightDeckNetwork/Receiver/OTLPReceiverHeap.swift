#if canImport(Glibc)
  import Glibc
#endif

/// How the receiver's process allocates large buffers (request bodies,
/// decoded records, encoded lines — megabytes each for large requests).
///
/// glibc serves an allocation above its mmap threshold with its own
/// `mmap` and gives it back with `munmap` on free; but the threshold is
/// dynamic (mallopt(3), `M_MMAP_THRESHOLD`): each such block freed raises it
/// to the block's size, up to 32 MiB, so after the first large request the
/// next ones come from the heap arenas, which keep freed memory and grow one
/// per thread that allocates. Measured with `Benchmarks/bench-receiver.sh`
/// (40 connections posting 4.9 MB requests, release build): peak RSS 162 MiB
/// with the dynamic threshold, 106 MiB with `MALLOC_MMAP_THRESHOLD_=1048576`
/// (Benchmarks article, "The OTLP/HTTP receiver").
enum OTLPReceiverHeap {
  /// The fixed threshold: allocations of 1 MiB or more are mapped and
  /// unmapped on their own. Smaller ones (every buffer of a request of a few
  /// hundred spans) stay in the arenas, as before.
  static let mmapThresholdBytes: Int32 = 1 << 20

  /// Fixes glibc's mmap threshold at ``mmapThresholdBytes`` for the
  /// process, once (later calls do nothing); `true` when it was set. Does
  /// nothing off glibc. A `MALLOC_MMAP_THRESHOLD_` environment variable, if
  /// set, is left to win.
  @discardableResult
  static func returnLargeBlocksToTheSystem() -> Bool { applied }

  private static let applied: Bool = {
    #if canImport(Glibc)
      guard getenv("MALLOC_MMAP_THRESHOLD_") == nil else { return false }
      // mallopt(3) is declared in <malloc.h>, which the Glibc module does
      // not include; M_MMAP_THRESHOLD is -3 there.
      guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") else { return false }
      typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
      return unsafeBitCast(symbol, to: Mallopt.self)(-3, mmapThresholdBytes) == 1
    #else
      return false
    #endif
  }()
}
