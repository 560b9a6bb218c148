import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { parse } from "yaml";

/**
 * docs/actions.md from each actions/<name>/action.yml, the one source of the actions' inputs and outputs
 * (the runner reads the same file), so the reference cannot drift from what the actions declare. A
 * missing description or branding is an error here: the docs test then fails, naming it.
 */

interface ActionInput {
  description?: string;
  required?: boolean;
  default?: string;
}

interface ActionMetadata {
  name?: string;
  description?: string;
  author?: string;
  branding?: { icon?: string; color?: string };
  inputs?: Record<string, ActionInput>;
  outputs?: Record<string, { description?: string }>;
  runs?: { using?: string; main?: string };
}

export interface ActionDoc {
  /** The folder under actions/, e.g. "validate". */
  dir: string;
  metadata: ActionMetadata;
}

/** The repository root: the nearest directory above `from` with actions/ and a package.json. */
export function repositoryRoot(from = process.cwd()): string {
  let dir = from;
  for (;;) {
    if (existsSync(join(dir, "actions")) && existsSync(join(dir, "package.json"))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`No repository root (a folder with actions/) above ${from}`);
    dir = parent;
  }
}

/** Every action of the repository, in folder order, with its metadata checked for completeness. */
export function readActions(root: string): ActionDoc[] {
  const dirs = readdirSync(join(root, "actions"))
    .filter((d) => existsSync(join(root, "actions", d, "action.yml")))
    .sort();
  return dirs.map((dir) => {
    const metadata = parse(readFileSync(join(root, "actions", dir, "action.yml"), "utf8")) as ActionMetadata;
    const gaps = metadataGaps(metadata);
    if (gaps.length > 0) throw new Error(`actions/${dir}/action.yml: ${gaps.join("; ")}`);
    return { dir, metadata };
  });
}

/** What a published action's metadata must have: GitHub Marketplace needs the branding, users the rest. */
export function metadataGaps(m: ActionMetadata): string[] {
  const gaps: string[] = [];
  if (!m.name) gaps.push("no name");
  if (!m.description) gaps.push("no description");
  if (!m.branding?.icon || !m.branding.color) gaps.push("no branding icon and color");
  if (m.runs?.using !== "node24") gaps.push(`runs.using is ${m.runs?.using ?? "missing"}, not node24`);
  for (const [name, input] of Object.entries(m.inputs ?? {})) {
    if (!input?.description) gaps.push(`input ${name} has no description`);
  }
  for (const [name, output] of Object.entries(m.outputs ?? {})) {
    if (!output?.description) gaps.push(`output ${name} has no description`);
  }
  return gaps;
}

const cell = (text: string) =>
  text
    .trim()
    .replace(/\|/g, "\\|")
    .replace(/\s*\n\s*/g, " ");

/** Per-action guides that exist in docs/, linked from the reference. */
function guideOf(root: string, dir: string): string | undefined {
  const name = `${dir}-action.md`;
  return existsSync(join(root, "docs", name)) ? name : undefined;
}

/** docs/actions.md: each action's description, how to use it, its inputs and its outputs. */
export function actionsMarkdown(root: string): string {
  const actions = readActions(root);
  const out = [
    "# Actions reference",
    "",
    "<!-- Generated from actions/*/action.yml by `npm run docs`. Do not edit by hand. -->",
    "",
    "The three actions run on `node24` from this repository's committed bundles. Use them from a release",
    "tag: `tunegate/tunegate/actions/<name>@v1` (the major tag moves with every compatible release), or a",
    "full `@vX.Y.Z` tag or commit SHA to pin one. [quick-start.md](quick-start.md) has the workflows.",
    "",
    "| action | what it does |",
    "| --- | --- |",
    ...actions.map(
      (a) => `| [\`actions/${a.dir}\`](#actions${a.dir}) | ${cell(a.metadata.description ?? "")} |`,
    ),
    "",
  ];
  for (const { dir, metadata: m } of actions) {
    const guide = guideOf(root, dir);
    out.push(
      `## actions/${dir}`,
      "",
      `**${m.name}**. ${cell(m.description ?? "")}${guide ? ` More in [${guide}](${guide}).` : ""}`,
      "",
      "```yaml",
      `- uses: tunegate/tunegate/actions/${dir}@v1`,
      ...(Object.keys(m.inputs ?? {}).length > 0 ? ["  with:"] : []),
      ...Object.entries(m.inputs ?? {}).map(
        ([name, input]) => `    # ${name}: ${JSON.stringify(String(input.default ?? ""))}`,
      ),
      "```",
      "",
      "### Inputs",
      "",
    );
    const inputs = Object.entries(m.inputs ?? {});
    if (inputs.length === 0) out.push("None.", "");
    else {
      out.push(
        "| input | required | default | description |",
        "| --- | --- | --- | --- |",
        ...inputs.map(
          ([name, input]) =>
            `| \`${name}\` | ${input.required ? "yes" : "no"} | ${input.default === undefined || input.default === "" ? "" : `\`${cell(String(input.default))}\``} | ${cell(input.description ?? "")} |`,
        ),
        "",
      );
    }
    out.push("### Outputs", "");
    const outputs = Object.entries(m.outputs ?? {});
    if (outputs.length === 0) out.push("None.", "");
    else {
      out.push(
        "| output | description |",
        "| --- | --- |",
        ...outputs.map(([name, output]) => `| \`${name}\` | ${cell(output.description ?? "")} |`),
        "",
      );
    }
  }
  return `${out.join("\n").trimEnd()}\n`;
}
