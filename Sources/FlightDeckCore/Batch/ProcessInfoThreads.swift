/// The number of processors available to this process.
public enum ProcessInfoThreads {
  /// `sysconf(_SC_NPROCESSORS_ONLN)`, at least 1.
  public static var active: Int { max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))) }
}

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
