extension LabelRegex {
  /// Whether the whole of `text` matches (anchored at both ends).
  ///
  /// When instructions × UTF-8 bytes of `text` reach ``cachedWork`` the
  /// answer is looked up in, or added to, the pattern's bounded cache
  /// (``LabelRegexMatchCache``); otherwise, and on a miss, the VM runs.
  public func matches(_ text: String) -> Bool {
    guard program.count &* text.utf8.count >= Self.cachedWork else { return run(text) }
    if let known = cache.answer(for: text) { return known }
    let answer = run(text)
    cache.store(answer, for: text)
    return answer
  }

  /// Whether the whole of `text` matches, by a pass of the Pike VM (Cox, "Regular Expression Matching: the Virtual Machine
  /// Approach", 2009): the set of live threads is kept as a sparse set of
  /// program counters, advanced one scalar at a time; a counter already in
  /// the set is not added again, so each step costs at most one visit per
  /// instruction. O(instructions × scalars) time, O(instructions) memory.
  func run(_ text: String) -> Bool {
    var current = LabelRegexThreadList(capacity: program.count)
    var next = LabelRegexThreadList(capacity: program.count)
    var stack: [Int] = []
    stack.reserveCapacity(16)
    var scalars = text.unicodeScalars.makeIterator()
    var previous: Unicode.Scalar? = nil
    var here = scalars.next()
    add(0, to: &current, previous: previous, next: here, stack: &stack)
    while let c = here {
      if current.isEmpty { return false }
      let after = scalars.next()
      var folded: UInt32? = nil
      for i in 0..<current.count {
        let pc = current[i]
        let consumes: Bool
        switch program[pc] {
        case .scalar(let s): consumes = s == c
        case .foldedScalar(let s):
          if folded == nil { folded = LabelRegexCaseFold.minimum(c.value) }
          consumes = s.value == folded
        case .any: consumes = true
        case .anyButNewline: consumes = c != "\n"
        case .characterClass(let k): consumes = classes[k].contains(c)
        case .assertion, .split, .jump, .match: consumes = false
        }
        if consumes { add(pc + 1, to: &next, previous: c, next: after, stack: &stack) }
      }
      swap(&current, &next)
      next.removeAll()
      previous = c
      here = after
    }
    return current.contains(program.count - 1)
  }

  /// Adds the thread at `pc` and every thread reachable from it without
  /// consuming (jumps, splits, assertions that hold between `previous` and
  /// `next`), iteratively with `stack`.
  private func add(
    _ pc: Int, to list: inout LabelRegexThreadList, previous: Unicode.Scalar?, next: Unicode.Scalar?,
    stack: inout [Int]
  ) {
    stack.append(pc)
    while let pc = stack.popLast() {
      guard list.insert(pc) else { continue }
      switch program[pc] {
      case .jump(let target): stack.append(target)
      case .split(let first, let second):
        stack.append(second)
        stack.append(first)
      case .assertion(let a):
        if a.holds(previous: previous, next: next) { stack.append(pc + 1) }
      default: break
      }
    }
  }
}
