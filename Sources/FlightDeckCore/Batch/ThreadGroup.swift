#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A handful of POSIX threads started together and joined together.
///
/// The batch path needs plain CPU parallelism over a few file parts; a
/// pthread per part is the simplest thing with no executor in between.
final class ThreadGroup {
  private var threads: [pthread_t] = []

  private final class Box {
    let body: @Sendable () -> Void
    init(_ body: @escaping @Sendable () -> Void) { self.body = body }
  }

  /// Starts `body` on a new thread; runs it inline if the thread cannot start.
  func spawn(_ body: @escaping @Sendable () -> Void) {
    let box = Unmanaged.passRetained(Box(body)).toOpaque()
    var t = pthread_t()
    let rc = pthread_create(
      &t, nil,
      { raw in
        let box = Unmanaged<Box>.fromOpaque(raw!).takeRetainedValue()
        box.body()
        return nil
      }, box)
    if rc == 0 {
      threads.append(t)
    } else {
      let b = Unmanaged<Box>.fromOpaque(box).takeRetainedValue()
      b.body()
    }
  }

  /// Waits for every started thread.
  func join() {
    for t in threads { pthread_join(t, nil) }
    threads.removeAll()
  }
}
