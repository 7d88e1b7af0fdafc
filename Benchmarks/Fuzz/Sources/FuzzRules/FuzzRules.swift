import FlightDeckCore
import FuzzSupport

/// Fuzzes the rules loader (`flightdeck rules check`, `alerts eval`, the
/// dashboard's hot reload): ``AlertRulesLoader/parse(_:file:)``. A refusal is
/// fine when it is an ``AlertRulesFileError`` naming this file, line and
/// column ≥ 1; a loaded rule's expression prints back to the same conditions.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ bytes: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  guard let text = FuzzInput.text(bytes, size) else { return 0 }
  let file = "rules.yml"
  do {
    let groups = try AlertRulesLoader.parse(text, file: file)
    for group in groups {
      for rule in group.rules {
        let printed = rule.expression.description
        do {
          let again = try AlertExpressionParser.parse(printed)
          fuzzCheck(
            again.conditions == rule.expression.conditions, "'\(printed)' reparses to other conditions")
        } catch {
          fuzzCheck(false, "the printed expression '\(printed)' does not parse: \(error)")
        }
      }
    }
  } catch let error as AlertRulesFileError {
    fuzzCheck(!error.errors.isEmpty, "an AlertRulesFileError without errors")
    for e in error.errors {
      fuzzCheck(e.file == file, "error names file '\(e.file)'")
      fuzzCheck(e.column >= 1, "column \(e.column) in \(e)")
      fuzzCheckLine(e.line, in: text, e)
    }
  } catch {
    fuzzCheck(false, "unexpected error type \(type(of: error)): \(error)")
  }
  return 0
}

/// The executable's entry point (SwiftPM links `main` to `FuzzRules_main`):
/// libFuzzer's driver, with ``fuzz(_:_:)`` as the function under test.
@_cdecl("FuzzRules_main")
public func entry(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
  FuzzDriver.run(argc: argc, argv: argv, fuzz)
}
