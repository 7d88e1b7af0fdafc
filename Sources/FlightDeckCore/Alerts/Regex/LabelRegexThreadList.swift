/// The live threads of the Pike VM: a sparse set of program counters
/// (Briggs and Torczon, "An efficient representation for sparse sets", 1993)
/// with O(1) insert, membership and clear, in insertion order.
struct LabelRegexThreadList {
  private var dense: [Int]
  private var sparse: [Int]
  /// Number of threads.
  private(set) var count = 0

  /// An empty list for program counters `0..<capacity`.
  init(capacity: Int) {
    dense = Array(repeating: 0, count: capacity)
    sparse = Array(repeating: 0, count: capacity)
  }

  /// Whether the list has no thread.
  var isEmpty: Bool { count == 0 }

  /// The `i`-th program counter in insertion order.
  subscript(i: Int) -> Int { dense[i] }

  /// Whether `pc` is in the list.
  func contains(_ pc: Int) -> Bool {
    let i = sparse[pc]
    return i < count && dense[i] == pc
  }

  /// Adds `pc`; false when it was already there.
  mutating func insert(_ pc: Int) -> Bool {
    if contains(pc) { return false }
    dense[count] = pc
    sparse[pc] = count
    count += 1
    return true
  }

  /// Empties the list in O(1).
  mutating func removeAll() { count = 0 }
}
