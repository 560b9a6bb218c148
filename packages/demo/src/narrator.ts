// Prints the loop to the terminal: each step, what each action did (exit code, annotations, outputs),
// each pull request comment as it reads on GitHub, and the checks of each step.
import type { CommentSnapshot } from "@tunegate/github-local";
import type { ActionRun } from "@tunegate/testkit";
import type { Checks } from "./checks";
import type { Narrator } from "./loop";
import { ANSI, markdownToTerminal, PLAIN, type TerminalStyle, wrap } from "./terminal-markdown";

export interface TerminalNarrator extends Narrator {
  /** Milliseconds since the narrator was made. */
  elapsed(): number;
}

/** `columns`: the terminal's width, when output goes to one; piped output is laid out for 120. */
export function terminalNarrator(
  write: (text: string) => void,
  color: boolean,
  columns = 120,
): TerminalNarrator {
  const style: TerminalStyle = color ? ANSI : PLAIN;
  const green = (t: string) => (color ? `\u001b[32m${t}\u001b[39m` : t);
  const red = (t: string) => (color ? `\u001b[31m${t}\u001b[39m` : t);
  const yellow = (t: string) => (color ? `\u001b[33m${t}\u001b[39m` : t);
  const started = performance.now();
  const println = (text = "") => write(`${text}\n`);
  const clock = () => style.dim(`[${((performance.now() - started) / 1000).toFixed(1).padStart(5)} s]`);

  return {
    elapsed: () => performance.now() - started,
    step(number, title) {
      println();
      println(style.bold(`━━ Step ${number} · ${title} `.padEnd(100, "━")));
    },
    say(text) {
      // "[ 12.3 s] " is 10 columns; continuation lines line up under the text.
      const lines = wrap(text, Math.max(40, columns - 10));
      println(`${clock()} ${lines[0]}`);
      for (const line of lines.slice(1)) println(`${" ".repeat(10)}${line}`);
    },
    action(name, run: ActionRun, ms) {
      const verdict = run.code === 0 ? green("✔ succeeded") : red(`✘ failed (exit ${run.code})`);
      println(`${clock()} ${style.bold(name)} ran on Node 24 in ${(ms / 1000).toFixed(1)} s: ${verdict}`);
      const byLevel = { error: red("error  "), warning: yellow("warning"), notice: "notice " } as const;
      for (const a of run.annotations) {
        const where = a.properties.file
          ? `${a.properties.file}${a.properties.line ? `:${a.properties.line}` : ""}`
          : "";
        const title = a.properties.title ? `${a.properties.title}: ` : "";
        const message = a.message.split("\n")[0]!;
        println(`    ${byLevel[a.level]} ${where ? `${style.dim(where)} ` : ""}${title}${message}`);
      }
      const outputs = Object.entries(run.outputs).filter(([, v]) => v !== "");
      if (outputs.length > 0) {
        println(style.dim("    outputs:"));
        for (const [k, v] of outputs) {
          const shown = v.length > 160 ? `${v.slice(0, 157)}...` : v;
          println(style.dim(`      ${k} = ${shown}`));
        }
      }
    },
    comment(comment: CommentSnapshot, how) {
      const label =
        how === "new" ? "commented" : how === "edited" ? `edited their comment (edit ${comment.edits})` : "";
      println();
      println(`  ┌─ ${style.bold(comment.user)} ${label} · comment ${comment.id}`);
      // The comment is indented by "  │ " and collapsed sections by 3 more.
      const width = Math.max(60, columns - 8);
      for (const line of markdownToTerminal(comment.body, style, width).split("\n")) println(`  │ ${line}`);
      println("  └─");
    },
    checks(checks: Checks) {
      for (const r of checks.results) {
        println(
          r.ok
            ? `    ${green("✔")} ${r.what}`
            : `    ${red("✘")} ${r.what}${r.detail ? `: ${r.detail}` : ""}`,
        );
      }
    },
  };
}
