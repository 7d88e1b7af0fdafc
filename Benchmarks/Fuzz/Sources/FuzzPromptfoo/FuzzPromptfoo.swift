import FlightDeckCore
import FuzzSupport

/// Fuzzes the Promptfoo results reader
/// (``PromptfooResultsReader/read(data:file:)``, what
/// ``GateInputReader`` hands a Promptfoo-shaped file to). A refusal is fine
/// when it is a ``GateInputError`` naming this file; results that load have
/// finite metrics and a Promptfoo summary.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ bytes: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  let data = FuzzInput.data(bytes, size)
  let file = "promptfoo.json"
  do {
    let input = try PromptfooResultsReader.read(data: data, file: file)
    fuzzCheck(input.format == .promptfoo, "format \(input.format)")
    fuzzCheck(input.promptfoo != nil, "no Promptfoo summary")
    for (name, value) in input.metrics { fuzzCheck(value.isFinite, "metric \(name) = \(value)") }
  } catch let error as GateInputError {
    fuzzCheck(error.file == file, "error names file '\(error.file)'")
    fuzzCheck(!error.reason.isEmpty, "an empty reason")
  } catch {
    fuzzCheck(false, "unexpected error type \(type(of: error)): \(error)")
  }
  return 0
}

/// The executable's entry point (SwiftPM links `main` to `FuzzPromptfoo_main`):
/// libFuzzer's driver, with ``fuzz(_:_:)`` as the function under test.
@_cdecl("FuzzPromptfoo_main")
public func entry(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
  FuzzDriver.run(argc: argc, argv: argv, fuzz)
}
