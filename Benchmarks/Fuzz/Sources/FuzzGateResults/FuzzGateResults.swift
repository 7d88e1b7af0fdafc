import FlightDeckCore
import FuzzSupport

/// Fuzzes the gate input reader `gate check --results` uses
/// (``GateInputReader/read(data:file:)``: detects Promptfoo output or
/// FlightDeck gate results and reads either). A refusal is fine when it is a
/// ``GateInputError`` naming this file; an input that loads has finite
/// metrics and a SHA-256 of 64 hex digits.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ bytes: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  let data = FuzzInput.data(bytes, size)
  let file = "results.json"
  do {
    let input = try GateInputReader.read(data: data, file: file)
    fuzzCheck(input.file == file, "input names file '\(input.file)'")
    fuzzCheck(input.sha256.count == 64 && input.sha256.allSatisfy(\.isHexDigit), "sha256 '\(input.sha256)'")
    for (name, value) in input.metrics { fuzzCheck(value.isFinite, "metric \(name) = \(value)") }
  } catch let error as GateInputError {
    fuzzCheck(error.file == file, "error names file '\(error.file)'")
    fuzzCheck(!error.reason.isEmpty, "an empty reason")
  } catch {
    fuzzCheck(false, "unexpected error type \(type(of: error)): \(error)")
  }
  return 0
}

/// The executable's entry point (SwiftPM links `main` to `FuzzGateResults_main`):
/// libFuzzer's driver, with ``fuzz(_:_:)`` as the function under test.
@_cdecl("FuzzGateResults_main")
public func entry(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
  FuzzDriver.run(argc: argc, argv: argv, fuzz)
}
