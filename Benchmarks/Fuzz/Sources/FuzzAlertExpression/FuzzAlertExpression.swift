import FlightDeckCore
import FuzzSupport

/// Fuzzes the alert expression parser (a rule's `expr`):
/// ``AlertExpressionParser/parse(_:)``. A refusal is fine when it is an
/// ``AlertExpressionError`` at an offset inside the text, line and column
/// ≥ 1; a parsed expression prints to text that parses to the same
/// conditions and prints the same again.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ bytes: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  guard let text = FuzzInput.text(bytes, size) else { return 0 }
  do {
    let expression = try AlertExpressionParser.parse(text)
    fuzzCheck(expression.conditions.count <= AlertExpressionParser.maximumConditions, "too many conditions")
    let printed = expression.description
    do {
      let again = try AlertExpressionParser.parse(printed)
      fuzzCheck(again.conditions == expression.conditions, "'\(printed)' reparses to other conditions")
      fuzzCheck(again.description == printed, "'\(printed)' prints as '\(again.description)'")
    } catch {
      fuzzCheck(false, "the printed expression '\(printed)' does not parse: \(error)")
    }
  } catch let error as AlertExpressionError {
    fuzzCheck(error.offset >= 0 && error.offset <= text.count, "offset \(error.offset) outside the text")
    fuzzCheck(error.column >= 1, "column \(error.column) in \(error)")
    fuzzCheckLine(error.line, in: text, error)
  } catch {
    fuzzCheck(false, "unexpected error type \(type(of: error)): \(error)")
  }
  return 0
}

/// The executable's entry point (SwiftPM links `main` to `FuzzAlertExpression_main`):
/// libFuzzer's driver, with ``fuzz(_:_:)`` as the function under test.
@_cdecl("FuzzAlertExpression_main")
public func entry(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
  FuzzDriver.run(argc: argc, argv: argv, fuzz)
}
