import FlightDeckTUI
import FuzzSupport

/// Fuzzes the theme reader (`--theme FILE`, a themes folder):
/// ``ThemeLoader/parse(_:file:name:)``. A refusal is fine when it is a
/// ``ThemeError`` naming this file and a line ≥ 1 (or none); a warning names
/// this file.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ bytes: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  guard let text = FuzzInput.text(bytes, size) else { return 0 }
  let file = "theme.toml"
  do {
    let (theme, warnings) = try ThemeLoader.parse(text, file: file, name: "theme")
    fuzzCheck(theme.name == "theme", "theme named '\(theme.name)'")
    for w in warnings { fuzzCheck(w.hasPrefix(file), "warning '\(w)' does not name the file") }
  } catch let error as ThemeError {
    fuzzCheck(error.file == file, "error names file '\(error.file)'")
    fuzzCheckLine(error.line, in: text, error)
  } catch {
    fuzzCheck(false, "unexpected error type \(type(of: error)): \(error)")
  }
  return 0
}

/// The executable's entry point (SwiftPM links `main` to `FuzzTheme_main`):
/// libFuzzer's driver, with ``fuzz(_:_:)`` as the function under test.
@_cdecl("FuzzTheme_main")
public func entry(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
  FuzzDriver.run(argc: argc, argv: argv, fuzz)
}
