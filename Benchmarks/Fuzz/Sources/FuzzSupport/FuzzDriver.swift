/// libFuzzer's driver, `LLVMFuzzerRunDriver` (in the fuzzer runtime that
/// `-sanitize=fuzzer` links).
@_silgen_name("LLVMFuzzerRunDriver")
private func llvmFuzzerRunDriver(
  _ argc: UnsafeMutablePointer<CInt>,
  _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
  _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

/// Starts libFuzzer from a target's own entry point.
///
/// SwiftPM links an executable target's `main` to `<Target>_main`, so the
/// `main` of libFuzzer's runtime is never used; each target defines
/// `<Target>_main` and hands its arguments and its `LLVMFuzzerTestOneInput`
/// to the driver here (libFuzzer's documented way to run from one's own
/// `main`).
public enum FuzzDriver {
  /// Runs libFuzzer with the command line `argc`/`argv` on `body`.
  /// - Returns: libFuzzer's exit status.
  public static func run(
    argc: CInt, argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>,
    _ body: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
  ) -> CInt {
    var count = argc
    var arguments: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = argv
    return llvmFuzzerRunDriver(&count, &arguments, body)
  }
}
