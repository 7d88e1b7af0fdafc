import FlightDeckCore
import Testing

/// ``MarkdownText`` escapes text from people and telemetry so a wiki or
/// forge renders it as text; expected outputs written by hand from the
/// CommonMark rules quoted in its documentation.
@Suite struct MarkdownTextTests {
  @Test func htmlBecomesEntities() {
    #expect(MarkdownText.escape("<script>alert(1)</script>") == "&lt;script&gt;alert(1)&lt;/script&gt;")
    #expect(MarkdownText.escape("<img src=x onerror=alert(1)>") == "&lt;img src=x onerror=alert(1)&gt;")
    #expect(MarkdownText.escape("<!-- hidden -->") == "&lt;!-- hidden --&gt;")
    #expect(MarkdownText.escape("&#106;avascript") == ##"&amp;\#106;avascript"##)
    #expect(MarkdownText.escape("<javascript:alert(1)>") == "&lt;javascript:alert(1)&gt;")
  }

  @Test func inlineMarkupIsBackslashed() {
    #expect(MarkdownText.escape("[x](javascript:alert(1))") == #"\[x\](javascript:alert(1))"#)
    #expect(MarkdownText.escape("![i](http://x/a.png)") == #"!\[i\](http://x/a.png)"#)
    #expect(MarkdownText.escape("*b* _i_ `c` ~s~ $m$") == #"\*b\* \_i\_ \`c\` \~s\~ \$m\$"#)
    #expect(MarkdownText.escape(#"a | b \ c"#) == #"a \| b \\ c"#)
    #expect(MarkdownText.escape("title #") == ##"title \#"##)
  }

  @Test func lineStartsCannotOpenABlock() {
    #expect(MarkdownText.escape("# Owned") == ##"\# Owned"##)
    #expect(MarkdownText.escape("- item") == #"\- item"#)
    #expect(MarkdownText.escape("+ item") == #"\+ item"#)
    #expect(MarkdownText.escape("===") == #"\==="#)
    #expect(MarkdownText.escape("1. first") == #"1\. first"#)
    #expect(MarkdownText.escape("12) first") == #"12\) first"#)
    #expect(MarkdownText.escape("> quote") == "&gt; quote")
    #expect(MarkdownText.escape("    code") == "&#32;&#32;&#32;&#32;code")
    #expect(MarkdownText.escape("1x. y") == "1x. y")
  }

  @Test func plainNamesReadAsTheyAre() {
    for s in ["support-bot@v1.2", "{: .x}", "gpt-4o-mini (eu)", "p95 up 3.5x", "界 😀", ""] {
      #expect(MarkdownText.escape(s) == s)
    }
  }
}
