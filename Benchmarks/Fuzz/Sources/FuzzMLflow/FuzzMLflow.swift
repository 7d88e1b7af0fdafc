import FlightDeckCore
import FuzzSupport

/// Fuzzes the MLflow importer (`flightdeck registry import`):
/// ``MLflowRegistryImport/plan(data:file:riskTier:)``. A refusal is fine
/// when it is a ``RegistryError`` of code `invalidInput`; a plan that loads
/// names an artefact and has distinct version labels.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ bytes: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  let data = FuzzInput.data(bytes, size)
  let file = "mlflow-export.json"
  do {
    let plan = try MLflowRegistryImport.plan(data: data, file: file, riskTier: .medium)
    fuzzCheck(!plan.artefact.isEmpty, "a plan without an artefact name")
    let labels = plan.versions.map(\.label)
    fuzzCheck(Set(labels).count == labels.count, "duplicate version labels \(labels)")
    for (pointer, label) in plan.pointers {
      fuzzCheck(labels.contains(label), "pointer \(pointer) names unknown version \(label)")
    }
  } catch let error as RegistryError {
    guard case .invalidInput = error.code else {
      fuzzCheck(false, "unexpected registry error code \(error.code): \(error)")
      return 0
    }
  } catch {
    fuzzCheck(false, "unexpected error type \(type(of: error)): \(error)")
  }
  return 0
}

/// The executable's entry point (SwiftPM links `main` to `FuzzMLflow_main`):
/// libFuzzer's driver, with ``fuzz(_:_:)`` as the function under test.
@_cdecl("FuzzMLflow_main")
public func entry(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
  FuzzDriver.run(argc: argc, argv: argv, fuzz)
}
