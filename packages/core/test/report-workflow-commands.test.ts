import { describe, expect, it } from "vitest";
import {
  escapeData,
  escapeProperty,
  type Problem,
  rankProblems,
  ruleImportance,
  type Severity,
  toWorkflowCommands,
} from "../src/index";
import { check, claudeLines, claudeRecord } from "./support";

/** Reads a workflow command back the way the runner does: properties end at the first "::". */
function parseCommand(line: string) {
  const m = /^::(\w+)( [^:]*)?::(.*)$/s.exec(line);
  if (!m) throw new Error(`not a workflow command: ${line}`);
  const decode = (s: string) =>
    s
      .replaceAll("%0D", "\r")
      .replaceAll("%0A", "\n")
      .replaceAll("%3A", ":")
      .replaceAll("%2C", ",")
      .replaceAll("%25", "%");
  const props: Record<string, string> = {};
  for (const pair of (m[2] ?? "").trim().split(",").filter(Boolean)) {
    const eq = pair.indexOf("=");
    props[pair.slice(0, eq)] = decode(pair.slice(eq + 1));
  }
  return { command: m[1]!, props, message: decode(m[3]!) };
}

const problem = (over: Partial<Problem> = {}): Problem => ({
  rule: "claude/roles-alternate",
  severity: "error",
  file: "data/train.jsonl",
  line: 1,
  column: 1,
  path: "messages[1].role",
  message: "Two user messages in a row.",
  hint: "Merge them.",
  ...over,
});

const many = (severity: Severity, count: number, rule = "claude/roles-alternate") =>
  Array.from({ length: count }, (_, i) => problem({ severity, rule, line: i + 1 }));

describe("escaping", () => {
  it("escapes %, CR and LF in data, and also : and , in properties", () => {
    expect(escapeData("100% done\r\nnext: a, b")).toBe("100%25 done%0D%0Anext: a, b");
    expect(escapeProperty("100% done\r\nnext: a, b")).toBe("100%25 done%0D%0Anext%3A a%2C b");
    // % first, so an escape sequence already in the text is not decoded into something else.
    expect(escapeData("%0A")).toBe("%250A");
  });

  it("a file name and message with every special character survive the round trip", () => {
    const tricky = problem({
      file: "data/a,b:c%d.jsonl",
      message: 'Line one: "50%" of it,\nline two\r\nend',
      hint: "Fix: this, then that",
      path: "messages[0].content",
    });
    const [line] = toWorkflowCommands([tricky]);
    expect(line).not.toMatch(/[\r\n]/);
    expect(line).toContain("file=data/a%2Cb%3Ac%25d.jsonl,");
    const parsed = parseCommand(line!);
    expect(parsed.command).toBe("error");
    expect(parsed.props).toEqual({
      file: "data/a,b:c%d.jsonl",
      line: "1",
      col: "1",
      title: "tunegate claude/roles-alternate",
    });
    expect(parsed.message).toBe(
      'Line one: "50%" of it,\nline two\r\nend\nat messages[0].content\nFix: this, then that',
    );
  });

  it("names files relative to the repository with forward slashes", () => {
    const [line] = toWorkflowCommands([problem({ file: ".\\data\\train.jsonl" })]);
    expect(parseCommand(line!).props.file).toBe("data/train.jsonl");
  });

  it("maps severities to the error, warning and notice commands", () => {
    const lines = toWorkflowCommands([
      problem({ severity: "notice", rule: "labels/missing" }),
      problem({ severity: "warning", rule: "dataset/duplicate-record" }),
      problem(),
    ]);
    expect(lines.map((l) => parseCommand(l).command)).toEqual(["error", "warning", "notice"]);
  });
});

describe("the per-severity limit", () => {
  it("emits everything and no closing notice when every severity is within the limit", () => {
    const lines = toWorkflowCommands([...many("error", 10), ...many("warning", 10), ...many("notice", 10)]);
    expect(lines).toHaveLength(30);
    expect(lines.some((l) => l.includes("more problem"))).toBe(false);
  });

  it("emits at most the limit per severity, then one notice saying how many more", () => {
    const lines = toWorkflowCommands([...many("error", 25), ...many("warning", 12), ...many("notice", 3)]);
    const commands = lines.map(parseCommand);
    expect(commands.filter((c) => c.command === "error")).toHaveLength(10);
    expect(commands.filter((c) => c.command === "warning")).toHaveLength(10);
    const notices = commands.filter((c) => c.command === "notice");
    expect(notices).toHaveLength(4);
    const last = commands.at(-1)!;
    expect(last.command).toBe("notice");
    expect(last.props).toEqual({ title: "tunegate: more problems" });
    expect(last.message).toContain("17 more problems are not annotated here (15 errors, 2 warnings)");
    expect(last.message).toContain("The full list is in the output of `tunegate validate`");
  });

  it("keeps a notice slot for the closing notice, so GitHub does not drop it", () => {
    const lines = toWorkflowCommands([...many("error", 11), ...many("notice", 10, "labels/missing")]);
    const notices = lines.map(parseCommand).filter((c) => c.command === "notice");
    expect(notices).toHaveLength(10);
    expect(notices.at(-1)!.message).toContain("2 more problems are not annotated here (1 error, 1 notice)");
  });

  it("takes a smaller limit, the engine's unlisted count and where the full list is", () => {
    const lines = toWorkflowCommands(many("error", 3), {
      limitPerSeverity: 2,
      unlisted: 1500,
      fullListAt: "the job summary",
    });
    expect(lines).toHaveLength(3);
    expect(parseCommand(lines[2]!).message).toBe(
      "1,501 more problems are not annotated here (1 error; 1,500 counted but not listed by the validator): GitHub shows only a few annotations per step. The full list is in the job summary.",
    );
  });

  it("rejects a limit that is not a positive integer", () => {
    expect(() => toWorkflowCommands([], { limitPerSeverity: 0 })).toThrow(RangeError);
  });
});

describe("ranking", () => {
  it("puts errors first, the first problem of every rule before repeats, then importance, file and line", () => {
    const ranked = rankProblems([
      problem({ severity: "warning", rule: "dataset/duplicate-record", line: 1 }),
      problem({ rule: "claude/roles-alternate", line: 2 }),
      problem({ rule: "claude/roles-alternate", line: 3 }),
      problem({ rule: "claude/roles-alternate", line: 4 }),
      problem({ rule: "sensitive/secret", line: 9 }),
      problem({ rule: "file/bom", line: 1, file: "data/z.jsonl" }),
    ]);
    expect(ranked.map((p) => `${p.rule}@${p.line}`)).toEqual([
      "file/bom@1",
      "sensitive/secret@9",
      "claude/roles-alternate@2",
      "claude/roles-alternate@3",
      "claude/roles-alternate@4",
      "dataset/duplicate-record@1",
    ]);
  });

  it("orders families by how much they block training", () => {
    const order = [
      "file/empty",
      "sensitive/secret",
      "dataset/too-few-records",
      "json/invalid",
      "claude/first-user",
    ];
    const ranks = order.map(ruleImportance);
    expect([...ranks].sort((a, b) => a - b)).toEqual(ranks);
    expect(ruleImportance("labels/missing")).toBeGreaterThan(ruleImportance("claude/first-user"));
    expect(ruleImportance("no-such/rule")).toBeGreaterThan(ruleImportance("labels/missing"));
  });

  it("shows ten different mistakes of a broken real file rather than ten copies of one", async () => {
    const broken = [
      claudeRecord("q1", "ROUTE: a"),
      "{not json",
      JSON.stringify({
        messages: [
          { role: "assistant", content: "hi" },
          { role: "user", content: "x" },
        ],
      }),
      ...Array.from({ length: 40 }, (_, i) => `{"prompt": ${i}`),
    ].join("\n");
    const file = await check(`${broken}\n${claudeLines(40)}`);
    const lines = toWorkflowCommands(file.problems).map(parseCommand);
    const titles = lines.filter((c) => c.command === "error").map((c) => c.props.title);
    // The first-user and last-assistant errors of line 3 are in the ten, not only json/invalid.
    expect(titles).toContain("tunegate claude/first-user");
    expect(titles).toContain("tunegate claude/last-assistant");
    expect(titles.filter((t) => t === "tunegate json/invalid").length).toBeLessThan(10);
    expect(lines.at(-1)!.message).toMatch(/^\d+ more problems are not annotated here/);
  });
});
