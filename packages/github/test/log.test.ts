import { describe, expect, it } from "vitest";
import { commandSafe } from "../src/log";

describe("commandSafe", () => {
  it("leaves no line that starts a workflow command, whatever the line break", () => {
    const text = "Reviewing a\n::add-mask::x\r::set-output name=v::1\r\n  ::error::e\n\t::warning::w";
    const out = commandSafe(text);
    for (const line of out.split(/\r\n|\r|\n/)) expect(line).not.toMatch(/^\s*::/);
    expect(out).toBe(
      "Reviewing a\n%3A%3Aadd-mask::x\r%3A%3Aset-output name=v::1\r\n  %3A%3Aerror::e\n\t%3A%3Awarning::w",
    );
  });

  it("neutralises the older ##[command] form and a line that starts after U+0085", () => {
    expect(commandSafe("a ##[add-mask]x\n\u0085::error::e")).toBe("a #%23[add-mask]x\n\u0085%3A%3Aerror::e");
  });

  it("keeps every other line as it is", () => {
    expect(commandSafe('a :: b\n{\n  "k": 1\n}')).toBe('a :: b\n{\n  "k": 1\n}');
  });
});
