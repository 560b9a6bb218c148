// `npm run demo`: the whole tunegate loop on a laptop. Starts local stand-ins for S3, Bedrock, Bedrock
// Runtime and GitHub on 127.0.0.1, plays a dataset pull request from its first push to its training
// report with the committed action bundles, prints it, writes the conversation as an HTML page, and
// stops everything it started. Exit status: 0 when every step did what it should, 1 when one did not,
// 2 on bad usage, 130/143 when interrupted.
import { mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { StepFailed } from "./checks";
import { conversationHtml } from "./conversation-html";
import { PR_BRANCH, PR_NUMBER, PR_TITLE } from "./fixtures";
import { type LoopResult, playLoop } from "./loop";
import { evaluationAnswers } from "./model-answers";
import { terminalNarrator } from "./narrator";
import { startWorld, type World } from "./world";

const HELP = `Usage: npm run demo [-- --html PATH] [--no-color]

Plays tunegate's loop against local stand-ins (nothing leaves 127.0.0.1): a pull request that breaks
a few records, a fix, the merge that starts a Bedrock fine-tuning job, and the job's report with loss
curves and an evaluation. Prints each step and comment, and writes the conversation as an HTML page.

  --html PATH   where to write the page (default: tunegate-demo.html in the system temp directory)
  --no-color    plain text even on a terminal
`;

/** The repository root: this file is bundled to packages/demo/dist/demo.js. */
function repositoryRoot(): string {
  return resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
}

async function main(argv: string[]): Promise<number> {
  let values: { html?: string; "no-color"?: boolean; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        html: { type: "string" },
        "no-color": { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
      },
    }));
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n\n${HELP}`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  quietNodeVersionNotice();
  const root = process.env.TUNEGATE_ROOT ?? repositoryRoot();
  // Decided before the world points TMPDIR at its own directory, which it removes at the end.
  const htmlPath = resolve(values.html ?? join(tmpdir(), "tunegate-demo.html"));
  const color = !values["no-color"] && process.stdout.isTTY === true && !process.env.NO_COLOR;
  // `npm run demo | head` closes the pipe early: stop printing, but play on and clean up.
  let stdoutOpen = true;
  process.stdout.on("error", (err: NodeJS.ErrnoException) => {
    if (err.code !== "EPIPE") throw err;
    stdoutOpen = false;
  });
  const print = (text: string) => {
    if (stdoutOpen) process.stdout.write(text);
  };
  const narrator = terminalNarrator(print, color, process.stdout.isTTY ? process.stdout.columns : undefined);

  narrator.say(
    "Starting s3rver, the Bedrock and Bedrock Runtime stand-ins and the GitHub stand-in on 127.0.0.1 ...",
  );
  let world: World | undefined;
  const stop = async () => {
    const w = world;
    world = undefined;
    await w?.close();
  };
  // Ctrl-C reaches the whole foreground job: this process and the action or git it is running. Stop
  // the stand-ins and remove the files now; the loop then fails fast and main() returns 130. A second
  // Ctrl-C does not wait.
  let interrupted: NodeJS.Signals | undefined;
  const onSignal = (signal: NodeJS.Signals) => {
    if (interrupted) process.exit(signal === "SIGINT" ? 130 : 143);
    interrupted = signal;
    process.stderr.write(`\n${signal}: stopping the stand-ins and removing the temp files ...\n`);
    void stop();
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);

  const result: LoopResult = {
    timeline: [],
    comments: [],
    pullRequest: { number: PR_NUMBER, title: PR_TITLE, author: "alice", branch: PR_BRANCH },
  };
  let failure: unknown;
  try {
    const answers = evaluationAnswers();
    world = await startWorld(answers.respond);
    narrator.say(`Stand-ins up; every file goes under ${world.root} (removed at the end).`);
    await playLoop({ root, world, narrator, result, answers });
  } catch (err) {
    failure = err;
  } finally {
    await stop();
  }
  // A signal that arrived while a synchronous child (git) ran is delivered once the event loop turns.
  await new Promise((resolve) => setTimeout(resolve, 20));
  process.removeListener("SIGINT", onSignal);
  process.removeListener("SIGTERM", onSignal);
  if (interrupted) return interrupted === "SIGINT" ? 130 : 143;

  if (result.timeline.length > 0) {
    mkdirSync(dirname(htmlPath), { recursive: true });
    writeFileSync(htmlPath, conversationHtml(result, { generatedAt: new Date() }));
  }
  const seconds = (narrator.elapsed() / 1000).toFixed(1);
  print("\n");
  if (failure) {
    const message =
      failure instanceof StepFailed ? failure.message : ((failure as Error).stack ?? String(failure));
    print(`✘ The demo stopped after ${seconds} s: ${message}\n`);
    if (result.timeline.length > 0) print(`The conversation so far: ${htmlPath}\n`);
    return 1;
  }
  print(`✔ The whole loop ran in ${seconds} s; every step did what it should.\n`);
  print(`The pull request's conversation as it reads on GitHub: ${htmlPath}\n`);
  return 0;
}

/**
 * The AWS SDK warns on Node 20 that its future releases will need Node 22: advice for the SDK's users,
 * noise in the demo's output. Every other warning is still printed.
 */
function quietNodeVersionNotice(): void {
  const printers = process.listeners("warning");
  process.removeAllListeners("warning");
  process.on("warning", (warning) => {
    if (warning.name === "NodeVersionSupportWarning" || warning.message.includes("NodeVersionSupportWarning"))
      return;
    for (const print of printers) print(warning);
  });
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
    process.exitCode = 1;
  },
);
