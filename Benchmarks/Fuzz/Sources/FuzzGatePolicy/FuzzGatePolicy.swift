import FlightDeckCore
import FuzzSupport

/// Fuzzes the gate policy reader (a `[gates]` table, standalone or in the
/// configuration): ``GatePolicy/parse(toml:file:)``. A refusal is fine when
/// it is a ``ConfigurationError`` naming this file and a line ≥ 1 (or none);
/// a policy that loads has finite thresholds.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ bytes: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  guard let text = FuzzInput.text(bytes, size) else { return 0 }
  let file = "gates.toml"
  do {
    let policy = try GatePolicy.parse(toml: text, file: file)
    for (tier, requirements) in policy.tiers {
      for r in requirements {
        fuzzCheck(r.threshold.isFinite, "\(tier): threshold \(r.threshold) is not finite")
      }
    }
  } catch let error as ConfigurationError {
    fuzzCheck(error.file == file, "error names file '\(error.file)'")
    fuzzCheckLine(error.line, in: text, error)
  } catch {
    fuzzCheck(false, "unexpected error type \(type(of: error)): \(error)")
  }
  return 0
}

/// The executable's entry point (SwiftPM links `main` to `FuzzGatePolicy_main`):
/// libFuzzer's driver, with ``fuzz(_:_:)`` as the function under test.
@_cdecl("FuzzGatePolicy_main")
public func entry(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
  FuzzDriver.run(argc: argc, argv: argv, fuzz)
}
