// Every workflow the docs hand out (docs/examples) and the repository's own (.github/workflows) is
// safe to copy: a job cannot run forever, no checkout leaves its token in .git/config, a third-party
// action is pinned to the commit that was reviewed (a tag can be moved), and nothing a step outputs
// is pasted into a shell script (an output holding `"; curl ...` would run). actionlint checks the
// syntax (workflows.test.ts); these are the properties it does not enforce.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { workflowFiles } from "@tunegate/docs/workflow-inputs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const files = workflowFiles(ROOT);
const read = (file: string) => readFileSync(join(ROOT, file), "utf8");

interface Step {
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
}
interface Workflow {
  name?: string;
  on?: Record<string, { paths?: string[] } | null>;
  concurrency?: { group?: string };
  jobs?: Record<string, { "timeout-minutes"?: unknown; steps?: Step[] }>;
}

/** Actions that need no pin: this repository's own, and GitHub's own `actions/` organisation. */
const FIRST_PARTY = /^(?:\.\/|tunegate\/tunegate\/|actions\/)/;

/** What is unsafe in one workflow's text, one sentence per problem. */
function hardeningProblems(file: string, text: string): string[] {
  const problems: string[] = [];
  const workflow = parse(text) as Workflow;
  const lines = text.split("\n");
  for (const [id, job] of Object.entries(workflow.jobs ?? {})) {
    if (job["timeout-minutes"] === undefined) problems.push(`${file}: job ${id} has no timeout-minutes`);
    (job.steps ?? []).forEach((step, i) => {
      const at = `${file}: job ${id} step ${i + 1}`;
      const uses = step.uses;
      if (uses?.startsWith("actions/checkout@") && step.with?.["persist-credentials"] !== false) {
        problems.push(`${at}: actions/checkout without persist-credentials: false`);
      }
      if (uses && !FIRST_PARTY.test(uses)) {
        if (!/@[0-9a-f]{40}$/.test(uses)) problems.push(`${at}: ${uses} is not pinned by a full commit SHA`);
        else if (!lines.some((l) => l.includes(uses) && /#\s*v\d+\.\d+\.\d+\b/.test(l))) {
          problems.push(`${at}: ${uses} has no "# vX.Y.Z" comment saying which release the SHA is`);
        }
      }
      if (step.run?.includes("${{")) {
        problems.push(`${at}: an expression inside run: (pass it through env: instead)`);
      }
    });
  }
  return problems;
}

describe("every workflow", () => {
  it("is checked: the examples and the repository's own", () => {
    expect(files.filter((f) => f.startsWith("docs/examples/")).length).toBeGreaterThanOrEqual(5);
    expect(files.filter((f) => f.startsWith(".github/workflows/")).length).toBeGreaterThanOrEqual(3);
  });

  it.each(files)(
    "%s: timeouts, no persisted token, pinned third-party actions, no expression in a script",
    (file) => {
      expect(hardeningProblems(file, read(file))).toEqual([]);
    },
  );

  it("the check finds each problem (so the test above can fail)", () => {
    const unsafe = [
      "on: push",
      "jobs:",
      "  a:",
      "    runs-on: ubuntu-latest",
      "    steps:",
      "      - uses: actions/checkout@v5",
      "      - uses: aws-actions/configure-aws-credentials@v5",
      "      - uses: changesets/action@a45c4d594aa4e2c509dc14a9f2b3b67ba3780d0d",
      "      - id: s",
      "        run: echo hi",
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a workflow expression, as text.
      "      - run: echo ${{ steps.s.outputs.x }}",
    ].join("\n");
    expect(hardeningProblems("unsafe.yml", unsafe)).toEqual([
      "unsafe.yml: job a has no timeout-minutes",
      "unsafe.yml: job a step 1: actions/checkout without persist-credentials: false",
      "unsafe.yml: job a step 2: aws-actions/configure-aws-credentials@v5 is not pinned by a full commit SHA",
      'unsafe.yml: job a step 3: changesets/action@a45c4d594aa4e2c509dc14a9f2b3b67ba3780d0d has no "# vX.Y.Z" comment saying which release the SHA is',
      "unsafe.yml: job a step 5: an expression inside run: (pass it through env: instead)",
    ]);
  });
});

describe("the example workflows", () => {
  const examples = files.filter((f) => f.startsWith("docs/examples/"));
  const parsed = new Map(examples.map((f) => [f, parse(read(f)) as Workflow]));
  const runsValidate = (w: Workflow) =>
    Object.values(w.jobs ?? {}).some((j) =>
      (j.steps ?? []).some((s) => /\/actions\/validate@/.test(s.uses ?? "")),
    );
  const reviews = examples.filter(
    (f) => parsed.get(f)!.on?.pull_request !== undefined && runsValidate(parsed.get(f)!),
  );

  it("review a pull request once: a variant of validate.yml replaces it, under the same name", () => {
    expect(reviews).toContain("docs/examples/validate.yml");
    const canonical = parsed.get("docs/examples/validate.yml")!;
    for (const file of reviews.filter((f) => f !== "docs/examples/validate.yml")) {
      const w = parsed.get(file)!;
      expect(read(file), file).toContain("in place of validate.yml");
      expect(read(file), file).toContain("Copy it to .github/workflows/validate.yml");
      // Same name (post-validation.yml follows it) and the same concurrency group.
      expect({ name: w.name, group: w.concurrency?.group }).toEqual({
        name: canonical.name,
        group: canonical.concurrency?.group,
      });
    }
    const followed = parsed.get("docs/examples/post-validation.yml")!.on?.workflow_run as {
      workflows?: string[];
    };
    expect(followed.workflows).toEqual([canonical.name]);
  });

  it("watch the same dataset paths", () => {
    const paths = (f: string, event: string) => parsed.get(f)!.on?.[event]?.paths;
    const expected = paths("docs/examples/validate.yml", "pull_request");
    expect(expected).toBeDefined();
    for (const file of reviews) expect(paths(file, "pull_request"), file).toEqual(expected);
    expect(paths("docs/examples/train.yml", "push")).toEqual(expected);
  });

  it("use the project's real repository, not a placeholder", () => {
    for (const file of examples) expect(read(file), file).not.toMatch(/OWNER\/|acme\/tunegate/);
  });
});
