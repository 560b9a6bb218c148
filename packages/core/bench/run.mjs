// `npm run bench`: tunegate measured as users run it, whole processes, side by side in one run.
//   - the table: `tunegate --help` against `node -e 0`, and `tunegate validate` on the 500-record
//     cookbook file, a 50 MiB Claude-format file (and with BENCH_LARGE=1 a 1 GiB one) against the bare
//     floor (node reading the file + JSON.parse per line, bench/floor.mjs) and, when TUNEGATE_BENCH_PEER
//     names a command, that command on the same file; wall time and peak RSS from /usr/bin/time;
//   - worker threads: the validator in one process at 1, 2 and all cores, against the floor;
//   - the scaling curve: records per second against file size, 1 MiB to 64 MiB (to 1 GiB with BENCH_LARGE);
//   - the validate action on the example pull request and the train action's re-run, against the stand-ins;
//   - convert against validate, and inputs shaped to be slow.
// Datasets are generated deterministically from the real fixtures into the temp directory (kept between
// runs). Every figure is the median of BENCH_RUNS runs (default 5), the commands of a row in turn, so a
// machine whose speed drifts slows them alike. The default run takes a few minutes; BENCH_LARGE=1 adds
// the 1 GiB file (several minutes more). Nothing here is a test: it prints figures and the goals beside them.
import { execFileSync, spawnSync } from "node:child_process";
import { createWriteStream, existsSync, mkdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { nodeBundle } from "../../../scripts/esbuild-node.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, "../../..");
const fixtures = join(root, "../shared/fixtures/real");
const work = join(tmpdir(), "tunegate-bench");
mkdirSync(work, { recursive: true });
const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? 5));
const LARGE = process.env.BENCH_LARGE === "1";
const CLI = resolve(process.env.TUNEGATE_BENCH_CLI ?? join(root, "packages/cli/dist/cli.js"));
const ACTIONS = resolve(process.env.TUNEGATE_BENCH_ACTIONS ?? join(root, "actions/dist"));
const PEER = process.env.TUNEGATE_BENCH_PEER?.trim().split(/\s+/);
const HAIKU = "anthropic.claude-3-haiku-20240307-v1:0:200k";
const COOKBOOK = join(fixtures, "claude-cookbook-json-mode.jsonl");
const MiB = 1024 * 1024;
const cores = availableParallelism();

if (!existsSync(CLI)) {
  console.error(`bench: ${CLI} is not built; run \`npm run build\` first.`);
  process.exit(2);
}

// ---------------------------------------------------------------------------------------- datasets
// The cookbook's records: a 50 MiB file of them holds about 29,700 records, as real chat data does.
const seeds = readFileSync(COOKBOOK, "utf8")
  .split("\n")
  .filter(Boolean)
  .map((l) => JSON.parse(l));

/** A Claude-format file of at least `bytes`, from the real records; every copy differs (a variant tag). */
async function generate(path, bytes, shape = (r) => r) {
  if (existsSync(path) && statSync(path).size >= bytes) return path;
  process.stderr.write(`generating ${path} ... `);
  const out = createWriteStream(`${path}.partial`);
  let written = 0;
  for (let i = 0; written < bytes; i++) {
    const seed = seeds[i % seeds.length];
    const record = {
      system: seed.system,
      messages: seed.messages.map((m, k) => (k === 0 ? { ...m, content: `${m.content} [variant ${i}]` } : m)),
    };
    const line = `${JSON.stringify(shape(record))}\n`;
    written += Buffer.byteLength(line);
    if (!out.write(line)) await new Promise((r) => out.once("drain", r));
  }
  await new Promise((r) => out.end(r));
  execFileSync("mv", [`${path}.partial`, path]);
  process.stderr.write("done\n");
  return path;
}
const claudeFile = (mib) => generate(join(work, `claude-${mib}MiB.jsonl`), mib * MiB);

// ------------------------------------------------------------------------------------- measurement
const usageFile = join(work, `usage-${process.pid}`);
const hasTime = existsSync("/usr/bin/time");

/** One run of a whole process: wall and CPU seconds, peak RSS in MiB (from the kernel's accounting). */
function timeProcess(argv, cwd = work) {
  if (!hasTime) {
    const start = performance.now();
    const r = spawnSync(argv[0], argv.slice(1), { cwd, stdio: "ignore" });
    return { wall: (performance.now() - start) / 1000, cpu: Number.NaN, rss: Number.NaN, code: r.status };
  }
  const r = spawnSync("/usr/bin/time", ["-f", "%e %U %S %M", "-o", usageFile, "--", ...argv], {
    cwd,
    stdio: "ignore",
  });
  const [wall, user, sys, kb] = readFileSync(usageFile, "utf8")
    .trim()
    .split("\n")
    .pop()
    .split(" ")
    .map(Number);
  return { wall, cpu: user + sys, rss: kb / 1024, code: r.status };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** Runs each command RUNS times (after one warm-up each), in turn; medians per command (peak: max). */
function compare(commands) {
  for (const c of commands) timeProcess(c.argv, c.cwd);
  const runs = commands.map(() => []);
  for (let r = 0; r < RUNS; r++) {
    for (let k = 0; k < commands.length; k++) {
      const i = (k + r) % commands.length;
      runs[i].push(timeProcess(commands[i].argv, commands[i].cwd));
    }
  }
  return commands.map((c, i) => ({
    ...c,
    wall: median(runs[i].map((x) => x.wall)),
    cpu: median(runs[i].map((x) => x.cpu)),
    rss: Math.max(...runs[i].map((x) => x.rss)),
    codes: [...new Set(runs[i].map((x) => x.code))],
  }));
}

const node = process.execPath;
const floorArgv = (file) => [node, join(here, "floor.mjs"), file];
const LABELS = "^ROUTE: (\\S+)";
const validateArgv = (file) => [
  node,
  CLI,
  "validate",
  file,
  "--base-model",
  HAIKU,
  "--label-pattern",
  LABELS,
];
const s = (x) => `${x.toFixed(2)} s`;
const mib = (x) => `${x.toFixed(0)} MiB`;
const cell = (x) => `${s(x.wall)}, ${mib(x.rss)}`;
const table = (head, rows) => {
  console.log(`\n| ${head.join(" | ")} |\n| ${head.map(() => "---").join(" | ")} |`);
  for (const row of rows) console.log(`| ${row.join(" | ")} |`);
};

console.log(
  `tunegate bench: ${cores} cores, Node ${process.versions.node}, medians of ${RUNS} runs` +
    `${hasTime ? "" : " (no /usr/bin/time: wall time only)"}; CLI ${CLI}`,
);

// ------------------------------------------------------------------------------------- the table
const files = [
  { label: "500-record cookbook file (0.9 MB)", path: COOKBOOK },
  { label: "50 MiB Claude-format file", path: await claudeFile(50) },
  ...(LARGE ? [{ label: "1 GiB Claude-format file", path: await claudeFile(1024) }] : []),
];
const recordsOf = (path) => Number(execFileSync(node, floorArgv(path).slice(1), { encoding: "utf8" }).trim());
const [help, bare] = compare([{ argv: [node, CLI, "--help"] }, { argv: [node, "-e", "0"] }]);
const rows = [
  [
    "`tunegate --help`",
    cell(help),
    "-",
    cell(bare),
    ...(PEER ? ["-"] : []),
    `${(help.wall / bare.wall).toFixed(2)}x \`node -e 0\` (goal <= 2x)`,
  ],
];
const goals = [];
for (const f of files) {
  const records = recordsOf(f.path);
  const bytes = statSync(f.path).size;
  const big = bytes > 10 * MiB;
  const commands = [
    { argv: validateArgv(f.path) },
    { argv: floorArgv(f.path) },
    ...(PEER ? [{ argv: [...PEER, f.path] }] : []),
  ];
  const [tg, floor, peer] = compare(commands);
  const ratio = floor.wall / tg.wall;
  const note = big
    ? `${ratio.toFixed(2)} of the floor's speed (goal >= 0.6); ${(records / tg.wall).toFixed(0)} records/s`
    : `${(tg.wall / floor.wall).toFixed(2)}x the bare read's process (goal <= 2x, < 64 MiB)`;
  rows.push([
    `${f.label}: ${records.toLocaleString("en-US")} records, ${(bytes / MiB).toFixed(1)} MiB`,
    `${cell(tg)} (exit ${tg.codes.join("/")})`,
    cell(floor),
    "-",
    ...(PEER ? [cell(peer)] : []),
    note,
  ]);
  goals.push({ label: f.label, tg, floor, ratio, big, bytes });
}
table(
  [
    "work",
    "tunegate",
    "bare Node read + `JSON.parse` per line",
    "`node -e 0`",
    ...(PEER ? [`peer: \`${PEER.join(" ")}\``] : []),
    "ratio",
  ],
  rows,
);

// ------------------------------------------------------------------- worker threads, in one process
const measureBundle = join(work, "measure.mjs");
const workerBundle = join(work, "dataset-worker.mjs");
const bundleOptions = nodeBundle();
await build({ ...bundleOptions, entryPoints: [join(here, "measure.ts")], outfile: measureBundle });
await build({
  ...bundleOptions,
  stdin: {
    contents: 'import { runDatasetWorker } from "@tunegate/files"; runDatasetWorker();',
    resolveDir: here,
    loader: "ts",
  },
  outfile: workerBundle,
});
const fifty = files[1].path;
const threadCounts = [...new Set([1, 2, cores])];
const threadRuns = compare([
  { argv: floorArgv(fifty), label: "floor" },
  ...threadCounts.map((n) => ({
    argv: [node, measureBundle, "validate", fifty, workerBundle, String(n)],
    label: `${n} core${n === 1 ? "" : "s"}`,
  })),
]);
const threadFloor = threadRuns[0];
table(
  ["validator on the 50 MiB file, one process", "wall", "CPU", "peak RSS", "of the floor's speed"],
  threadRuns.map((r) => [
    r.label === "floor"
      ? "bare floor (1 thread)"
      : `${r.label} (${r.label.startsWith("1 ") ? "calling thread only" : "calling thread + workers"})`,
    s(r.wall),
    s(r.cpu),
    mib(r.rss),
    (threadFloor.wall / r.wall).toFixed(2),
  ]),
);

// ------------------------------------------------------------------------------ the scaling curve
const sizes = [1, 4, 16, 64, ...(LARGE ? [256, 1024] : [])];
const curve = [];
for (const size of sizes) {
  const path = await claudeFile(size);
  const records = recordsOf(path);
  const [tg, floor] = compare([{ argv: validateArgv(path) }, { argv: floorArgv(path) }]);
  curve.push([
    `${size} MiB`,
    records.toLocaleString("en-US"),
    s(tg.wall),
    Math.round(records / tg.wall).toLocaleString("en-US"),
    Math.round(records / floor.wall).toLocaleString("en-US"),
    (floor.wall / tg.wall).toFixed(2),
    mib(tg.rss),
  ]);
}
table(
  ["file", "records", "tunegate validate", "records/s", "floor records/s", "of the floor", "peak RSS"],
  curve,
);

// --------------------------------------------------------------------------------- the actions
if (existsSync(join(ACTIONS, "validate.js"))) {
  // Bundled as the demo is: the workspace packages in, every npm package loaded from node_modules.
  const actionsBundle = join(root, "packages/demo/dist/actions-bench.js");
  await build({
    ...bundleOptions,
    banner: {},
    entryPoints: [join(root, "packages/demo/bench/actions.ts")],
    outfile: actionsBundle,
    plugins: [
      {
        name: "external-npm-packages",
        setup(b) {
          b.onResolve({ filter: /^[^./]/ }, (args) =>
            args.path.startsWith("@tunegate/") ? undefined : { path: args.path, external: true },
          );
        },
      },
    ],
  });
  const out = execFileSync(node, [actionsBundle, ACTIONS, String(RUNS)], {
    encoding: "utf8",
    env: { ...process.env, TUNEGATE_ROOT: root, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const results = out
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l));
  table(
    ["action (Node 24, against the stand-ins)", "process time (user + sys)", "wall", "peak RSS", "goal"],
    results.map((r) => [r.label, s(r.cpu), s(r.wall), mib(r.rss), r.goal]),
  );
} else console.log(`\n(no action bundles at ${ACTIONS}: actions not measured)`);

// ----------------------------------------------------------------------- convert, hostile inputs
const openai = await generate(join(work, "openai-50MiB.jsonl"), 50 * MiB, (record) => ({
  messages: [{ role: "system", content: record.system }, ...record.messages],
}));
const [validated, converted, convertedOpenai] = compare([
  { argv: [node, measureBundle, "validate", fifty, workerBundle] },
  { argv: [node, measureBundle, "convert", fifty, workerBundle] },
  { argv: [node, measureBundle, "convert", openai, workerBundle] },
]);
console.log(
  `\nconvert to Nova Lite then validate, against validating the same records (50 MiB, CPU time): ` +
    `${(converted.cpu / validated.cpu).toFixed(2)} from Claude, ${(convertedOpenai.cpu / validated.cpu).toFixed(2)} from OpenAI (goal <= 2)`,
);
const hostile = join(work, "hostile.mjs");
await build({ ...bundleOptions, entryPoints: [join(here, "hostile.ts")], outfile: hostile });
console.log("\ninputs shaped to be slow (goal < 1 s each):");
for (const line of execFileSync(node, [hostile], { encoding: "utf8" }).trim().split("\n")) {
  const r = JSON.parse(line);
  console.log(`  ${r.case.padEnd(48)} ${r.seconds.toFixed(3).padStart(7)} s, ${r.reported} problems listed`);
}
rmSync(usageFile, { force: true });
