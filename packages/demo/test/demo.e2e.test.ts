// `npm run demo` end to end, as a newcomer runs it: the bundled demo in its own process, with a TMPDIR
// of its own so the test can see that it leaves nothing behind; then its HTML page in headless
// Chromium (Debian's /usr/bin/chromium; .ci/run installs it), where the comments must be there and the
// Mermaid charts drawn. Also: a step that does not do what it should makes the demo exit 1, and Ctrl-C
// stops it cleanly.
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { type BrowserContext, chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoComments, GOLDEN_GIT_DATES, goldenComments } from "./demo-comments";

const DEMO_DIR = dirname(dirname(fileURLToPath(import.meta.url)));
const ROOT = join(DEMO_DIR, "../..");
const CHROMIUM = "/usr/bin/chromium";
const work = mkdtempSync(join(tmpdir(), "tunegate-demo-test-"));

interface Finished {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/** Starts the bundled demo with a TMPDIR of its own; `finished` resolves when it exits. */
function startDemo(args: string[], env: Record<string, string> = {}, options: { group?: boolean } = {}) {
  const tmp = mkdtempSync(join(work, "tmp-"));
  const started = performance.now();
  const child: ChildProcess = spawn(
    process.execPath,
    [join(DEMO_DIR, "dist/demo.js"), "--no-color", ...args],
    {
      cwd: ROOT,
      env: { ...process.env, TMPDIR: tmp, ...env },
      stdio: ["ignore", "pipe", "pipe"],
      // Its own process group, like a terminal's foreground job, so Ctrl-C can reach all of it.
      detached: options.group === true,
    },
  );
  let stdout = "";
  let stderr = "";
  child.stdout!.on("data", (d: Buffer) => {
    stdout += d;
  });
  child.stderr!.on("data", (d: Buffer) => {
    stderr += d;
  });
  const finished = new Promise<Finished>((resolve) => {
    const timer = setTimeout(() => child.kill("SIGKILL"), 540_000);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, ms: performance.now() - started });
    });
  });
  return { child, tmp, finished, output: () => stdout };
}

beforeAll(() => {
  execFileSync(process.execPath, ["build.mjs"], { cwd: DEMO_DIR });
});

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

describe("npm run demo", () => {
  const html = join(work, "out", "conversation.html");
  let run: Finished;
  let tmp: string;
  let context: BrowserContext | undefined;

  beforeAll(async () => {
    const demo = startDemo(["--html", html], GOLDEN_GIT_DATES);
    tmp = demo.tmp;
    run = await demo.finished;
  });

  afterAll(async () => {
    await context?.close();
  });

  it("plays every step, checks each, and exits 0", () => {
    expect(run.code, run.stdout + run.stderr).toBe(0);
    for (const step of [
      "Step 1 · alice opens pull request #7",
      "Step 2 · alice pushes a fix",
      "Step 3 · bob merges the pull request",
      "Step 4 · 47 minutes later",
      "Step 5 · the report action runs",
      "Step 6 · carol merges pull request #8",
      "Step 7 · the second job ends: its model is worse, and production is kept",
    ]) {
      expect(run.stdout).toContain(step);
    }
    expect(run.stdout).toMatch(/tunegate validate ran on Node 24 in [\d.]+ s: ✘ failed \(exit 1\)/);
    expect(run.stdout).toMatch(
      /error {3}datasets\/support-router\/train\.jsonl:52 tunegate converse\/role-invalid/,
    );
    expect(run.stdout).toContain("github-actions[bot] edited their comment (edit 1)");
    expect(run.stdout).toContain("✅ Training completed: support-router (Amazon Nova Lite)");
    // The seed format's model, retired by AWS, is refused before anything is uploaded.
    expect(run.stdout).toContain("support-router-claude-3-haiku: Claude 3 Haiku");
    expect(run.stdout).toContain("✔ no request reached S3: nothing was uploaded");
    expect(run.stdout).toMatch(/Accuracy +│ 88\.9% \(16\/18\) +│ 50\.0% \(9\/18\)/);
    expect(run.stdout).not.toMatch(/^ {4}✘ /m); // no failed check
    expect(run.stdout).toContain("✔ The whole loop ran in");
    expect(run.stdout).toContain(`The pull request's conversation as it reads on GitHub: ${html}`);
    expect(run.stderr).toBe("");
  });

  it("prints the same pull request comments as the golden file, byte for byte", () => {
    expect(run.code, run.stdout + run.stderr).toBe(0);
    const comments = demoComments(run.stdout);
    expect(comments).toBe(goldenComments(comments));
  });

  it("leaves no process listening and no temp file behind", () => {
    expect(readdirSync(tmp)).toEqual([]);
    const root = /every file goes under (\S+) \(removed/.exec(run.stdout)?.[1];
    expect(root?.startsWith(tmp)).toBe(true);
  });

  it("writes a page where the comments read as on GitHub and the Mermaid charts are drawn", async () => {
    expect(existsSync(CHROMIUM), `${CHROMIUM} is missing: apt-get install -y chromium (.ci/run does)`).toBe(
      true,
    );
    const size = statSync(html).size;
    expect(size).toBeGreaterThan(1_000_000); // mermaid's browser bundle is inlined
    expect(readFileSync(html, "utf8")).not.toMatch(/<script[^>]+src=|<link[^>]+href=/);

    const profile = mkdtempSync(join(work, "chromium-"));
    // A fresh profile, so nothing from an earlier run (or the user's own) is reused.
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      viewport: { width: 1100, height: 900 },
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on("pageerror", (err) => problems.push(err.message));
    page.on("console", (message) => {
      if (message.type() === "error") problems.push(message.text());
    });
    const requests: string[] = [];
    page.on("request", (request) => {
      if (!request.url().startsWith("file:")) requests.push(request.url());
    });
    await page.goto(`file://${html}`);
    await page.waitForFunction('document.body.dataset.mermaid === "done"', null, { timeout: 0 });

    expect(await page.locator("body").getAttribute("data-mermaid-failed")).toBe("0");
    const text = await page.locator("main").textContent();
    expect(text).not.toMatch(/Unable to render|Syntax error|Parse error/);
    expect(problems).toEqual([]);
    expect(requests).toEqual([]);

    const comments = page.locator(".comment");
    expect(await comments.count()).toBe(2);
    const validate = comments.nth(0);
    expect(await validate.locator(".markdown-body h2").first().textContent()).toContain(
      "the datasets are ready to merge",
    );
    expect(await validate.locator(".comment-header").textContent()).toContain("edited 1×");
    // The first version, with the errors, is one click away as on GitHub.
    expect(await validate.locator(".history").textContent()).toContain("Earlier version");
    expect(await validate.locator(".history .earlier").innerHTML()).toContain("converse/role-invalid");
    const train = comments.nth(1);
    expect(await train.locator(".markdown-body h3").first().textContent()).toContain("Training completed");
    expect(await train.locator("table").filter({ hasText: "Reference \\ answer" }).count()).toBe(1);
    // The demo's model trains today: no lifecycle alert stands in its comments.
    expect(await page.locator(".markdown-alert-warning, .markdown-alert-caution").count()).toBe(0);

    // Both loss charts are SVG with their lines drawn.
    const charts = train.locator(".markdown-body pre.mermaid svg");
    expect(await charts.count()).toBe(2);
    expect(await charts.nth(0).locator("path").count()).toBeGreaterThan(1);
    expect(await charts.nth(0).innerHTML()).toContain("Training loss by step");

    expect(await page.locator(".check.failed").count()).toBe(1);
    expect(await page.locator(".check.ok").count()).toBe(3);

    const shot = join(tmpdir(), "tunegate-demo-conversation.png");
    await page.screenshot({ path: shot, fullPage: true });
    expect(statSync(shot).size).toBeGreaterThan(50_000);
    console.log(
      `demo: ${(run.ms / 1000).toFixed(1)} s, page ${(size / 1e6).toFixed(2)} MB, screenshot ${shot}`,
    );
  });
});

describe("a step that does not do what it should", () => {
  it("makes the demo exit 1, naming the check, with nothing left behind", async () => {
    // A repository root whose validate bundle does nothing at all: the demo must notice.
    const root = mkdtempSync(join(work, "root-"));
    symlinkSync(join(ROOT, "examples"), join(root, "examples"));
    mkdirSync(join(root, "actions/dist"), { recursive: true });
    writeFileSync(join(root, "actions/dist/validate.js"), 'console.log("checked nothing");\n');
    for (const file of readdirSync(join(ROOT, "actions/dist")).filter((f) => f !== "validate.js"))
      symlinkSync(join(ROOT, "actions/dist", file), join(root, "actions/dist", file));
    const demo = startDemo(["--html", join(work, "failed.html")], { TUNEGATE_ROOT: root });
    const done = await demo.finished;
    expect(done.code).toBe(1);
    expect(done.stdout).toContain("✘ the check fails: the pull request has errors: expected 1, got 0");
    expect(done.stdout).toContain("✘ The demo stopped after");
    expect(done.stdout).not.toContain("Step 2");
    expect(readdirSync(demo.tmp)).toEqual([]);
  });
});

describe("Ctrl-C", () => {
  it("stops the stand-ins, removes the temp files and exits 130", async () => {
    const demo = startDemo(["--html", join(work, "interrupted.html")], {}, { group: true });
    const deadline = Date.now() + 540_000;
    while (!demo.output().includes("Step 1") && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 50));
    // A terminal's Ctrl-C signals the whole foreground process group: the demo and the action it runs.
    process.kill(-demo.child.pid!, "SIGINT");
    const done = await demo.finished;
    expect(done.code, done.stdout + done.stderr).toBe(130);
    expect(readdirSync(demo.tmp)).toEqual([]);
  });
});

describe("output piped into a reader that stops early (npm run demo | head)", () => {
  it("plays on silently, writes the page and leaves nothing behind", async () => {
    const html = join(work, "piped.html");
    const demo = startDemo(["--html", html]);
    // Close our end of the pipe after the first output, as `head -1` does.
    demo.child.stdout!.once("data", () => demo.child.stdout!.destroy());
    const done = await demo.finished;
    expect(done.code, done.stderr).toBe(0);
    expect(existsSync(html)).toBe(true);
    expect(readdirSync(demo.tmp)).toEqual([]);
  });
});
