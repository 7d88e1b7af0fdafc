/// Token counts from a Promptfoo `tokenUsage` object (the system under test
/// only; the grader's tokens under `tokenUsage.assertions` are not included).
public struct PromptfooTokenUsage: Sendable, Hashable {
  /// Prompt (input) tokens.
  public var prompt: Int64
  /// Completion (output) tokens, including reasoning tokens.
  public var completion: Int64
  /// Tokens served from cache.
  public var cached: Int64
  /// Total tokens as Promptfoo reports them.
  public var total: Int64

  /// Creates token counts.
  public init(prompt: Int64, completion: Int64, cached: Int64, total: Int64) {
    self.prompt = prompt
    self.completion = completion
    self.cached = cached
    self.total = total
  }
}
