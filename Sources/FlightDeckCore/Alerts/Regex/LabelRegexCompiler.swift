/// Compiles a ``LabelRegexNode`` tree to ``LabelRegexInstruction``s.
///
/// The program's size is computed before anything is emitted, so a pattern
/// whose expansion (`{m,n}` copies its operand `n` times) would exceed
/// ``LabelRegex/maxInstructions`` is refused without being built.
struct LabelRegexCompiler {
  private(set) var program: [LabelRegexInstruction] = []
  private(set) var classes: [LabelRegexCharacterClass] = []

  /// Compiles `node` followed by `match`.
  /// - Throws: ``LabelRegexError`` when the program would be larger than ``LabelRegex/maxInstructions``.
  static func compile(_ node: LabelRegexNode, pattern: String) throws(LabelRegexError) -> LabelRegexCompiler {
    let size = Self.size(node, limit: LabelRegex.maxInstructions) + 1
    guard size <= LabelRegex.maxInstructions else {
      throw LabelRegexError(
        "expression too large (its program would exceed \(LabelRegex.maxInstructions) instructions)",
        fragment: pattern.unicodeScalars.count > 40 ? String(pattern.prefix(40)) + "…" : pattern, offset: 0)
    }
    var compiler = LabelRegexCompiler()
    compiler.program.reserveCapacity(size)
    compiler.emit(node)
    compiler.program.append(.match)
    return compiler
  }

  /// Instructions `node` compiles to, saturating at `limit + 1`.
  private static func size(_ node: LabelRegexNode, limit: Int) -> Int {
    let over = limit + 1
    switch node {
    case .empty: return 0
    case .literal, .any, .characterClass, .assertion: return 1
    case .concatenation(let parts):
      var total = 0
      for p in parts {
        total += size(p, limit: limit)
        if total > limit { return over }
      }
      return total
    case .alternation(let parts):
      var total = -2  // a split and a jump per branch but the last
      for p in parts {
        total += size(p, limit: limit) + 2
        if total > limit { return over }
      }
      return total
    case .repetition(let sub, let lo, let hi, _):
      let one = size(sub, limit: limit)
      if one > limit { return over }
      // lo copies, then either a loop (split, sub, jump) or (hi - lo) × (split, sub).
      let tail = hi.map { ($0 - lo) * (one + 1) } ?? (one + 2)
      let total = lo * one + tail
      return total > limit ? over : total
    }
  }

  private mutating func emit(_ node: LabelRegexNode) {
    switch node {
    case .empty:
      break
    case .literal(let c, let folds):
      program.append(folds ? .foldedScalar(c) : .scalar(c))
    case .any(let newline):
      program.append(newline ? .any : .anyButNewline)
    case .characterClass(let cls):
      classes.append(cls)
      program.append(.characterClass(classes.count - 1))
    case .assertion(let a):
      program.append(.assertion(a))
    case .concatenation(let parts):
      for p in parts { emit(p) }
    case .alternation(let parts):
      // split next; branch; jump end; next: ... the last branch needs neither.
      var jumps: [Int] = []
      for (i, p) in parts.enumerated() {
        guard i < parts.count - 1 else {
          emit(p)
          break
        }
        let split = program.count
        program.append(.split(split + 1, 0))
        emit(p)
        jumps.append(program.count)
        program.append(.jump(0))
        program[split] = .split(split + 1, program.count)
      }
      for j in jumps { program[j] = .jump(program.count) }
    case .repetition(let sub, let lo, let hi, _):
      for _ in 0..<lo { emit(sub) }
      if let hi {
        var splits: [Int] = []
        for _ in lo..<hi {
          splits.append(program.count)
          program.append(.split(program.count + 1, 0))
          emit(sub)
        }
        for s in splits { program[s] = .split(s + 1, program.count) }
      } else {
        let loop = program.count
        program.append(.split(loop + 1, 0))
        emit(sub)
        program.append(.jump(loop))
        program[loop] = .split(loop + 1, program.count)
      }
    }
  }
}
