import { describe, expect, it } from "vitest";
import { sanitizeUntrustedMarkdown } from "../src/untrusted-markdown";

const clean = (text: string, max = 10_000) => sanitizeUntrustedMarkdown(text, max);

describe("sanitizeUntrustedMarkdown", () => {
  it("keeps a report's Markdown: headings, tables, details, code", () => {
    const report = [
      "### ✅ tunegate: no errors",
      "",
      "| file | records |",
      "| --- | --- |",
      "| `data/train.jsonl` | 120 |",
      "",
      "<details><summary>Stats</summary>",
      "",
      "```json",
      '{"a": 1}',
      "```",
      "",
      "</details>",
    ].join("\n");
    expect(clean(report)).toBe(report);
  });

  it("escapes HTML other than a few bare formatting tags, and drops attributes", () => {
    expect(clean('<img src=x onerror="alert(1)">')).toBe('&lt;img src=x onerror="alert(1)"&gt;');
    expect(clean("<script>alert(1)</script>")).toBe("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(clean('<details open onclick="x"><SUMMARY>s</SUMMARY></details>')).toBe(
      "<details><summary>s</summary></details>",
    );
    expect(clean("a < b")).toBe("a &lt; b");
  });

  it("removes HTML comments, hidden markers included, even across lines or unterminated", () => {
    expect(clean("a<!-- tunegate:train model=x job=y -->b")).toBe("ab");
    expect(clean("a<!--\nhidden\n-->b")).toBe("ab");
    expect(clean("a<!-- never closed")).toBe("a");
  });

  it("neutralises mentions, team mentions and references", () => {
    const out = clean("@octocat @acme/admins #12 acme/repo#3 GH-7 mail@example.com");
    expect(out).not.toMatch(/@[A-Za-z0-9]/);
    expect(out).not.toMatch(/#\d/);
    expect(out).not.toMatch(/GH-\d/);
    expect(out).toContain("@\u200boctocat");
  });

  it("keeps links into the repository and reduces the others to their text", () => {
    const prefix = "https://github.com/acme/data/";
    const ok = "[train.jsonl:3](https://github.com/acme/data/blob/abc/train.jsonl#L3)";
    expect(sanitizeUntrustedMarkdown(ok, 1000, { linkPrefix: prefix })).toBe(ok);
    expect(sanitizeUntrustedMarkdown("[login](https://evil.example/x)", 1000, { linkPrefix: prefix })).toBe(
      "login",
    );
    expect(
      sanitizeUntrustedMarkdown('[x](https://github.com/acme/data.evil/ "t")', 1000, { linkPrefix: prefix }),
    ).toBe("x");
    expect(clean("[x](https://github.com/acme/data/blob)")).toBe("x");
  });

  it("turns images into their alt text", () => {
    expect(clean("see ![pixel](https://evil.example/p.gif) here")).toBe("see pixel here");
  });

  it("leaves HTML in fenced code alone, neutralises mentions there too, and closes a fence left open", () => {
    expect(clean("```\n<b onclick=x>@octocat</b>\n```")).toBe("```\n<b onclick=x>@\u200boctocat</b>\n```");
    expect(clean("text\n```\nopen #1")).toBe("text\n```\nopen #\u200b1\n```");
  });

  it("caps the length without leaving a fence open", () => {
    const long = `\`\`\`\n${"x".repeat(5000)}\n\`\`\``;
    const out = clean(long, 1000);
    expect(out.length).toBeLessThanOrEqual(1000);
    expect(out.endsWith("\n```")).toBe(true);
  });
});
