import { createRequire as __tunegateCreateRequire } from "node:module"; const require = __tunegateCreateRequire(import.meta.url);
import {
  createOctokit,
  error,
  getInput,
  info,
  loadReportModels,
  parseFraction,
  postFromReport,
  pullRequestComments,
  reportJobs,
  resolveCatalog,
  runAction,
  runnerContext,
  setFailed,
  setOutput,
  summary,
  warning
} from "./chunk-VYSCFXZL.js";
import {
  UserError
} from "./chunk-O5VWGFNK.js";
import "./chunk-UW26P3AS.js";
import "./chunk-KCCJD64M.js";

// actions/report/src/inputs.ts
var InputError = class extends UserError {
  name = "InputError";
};
var optional = (name) => {
  const value = getInput(name).trim();
  return value === "" ? void 0 : value;
};
function readInputs() {
  const evalInput = (getInput("eval") || "false").trim();
  const evaluation = evalInput === "false" || evalInput === "" ? { kind: "off" } : evalInput === "true" ? { kind: "run" } : { kind: "file", path: evalInput };
  const token = getInput("github-token") || process.env.GITHUB_TOKEN || "";
  if (token === "")
    throw new InputError(
      "github-token is empty: pass the workflow's github.token or a token that may comment."
    );
  let minAccuracy;
  let maxRegression;
  try {
    minAccuracy = parseFraction("min-accuracy", getInput("min-accuracy"));
    maxRegression = parseFraction("max-regression", getInput("max-regression"));
  } catch (err) {
    throw new InputError(err.message);
  }
  const inputs = {
    config: getInput("config") || "tunegate.yml",
    jobs: getInput("jobs").split(/[\s,]+/).filter((j) => j !== ""),
    token,
    evaluation
  };
  const target = optional("target-model");
  const baseline = optional("baseline-model");
  const fromReport = optional("from-report");
  if (target) inputs.targetModel = target;
  if (baseline) inputs.baselineModel = baseline;
  if (minAccuracy !== void 0) inputs.minAccuracy = minAccuracy;
  if (maxRegression !== void 0) inputs.maxRegression = maxRegression;
  if (fromReport) inputs.fromReport = fromReport;
  return inputs;
}

// actions/report/src/main.ts
async function act() {
  const inputs = readInputs();
  const context = runnerContext();
  const octokit = createOctokit(inputs.token, context.apiUrl);
  const log = (m) => info(m);
  const warn = (m) => warning(m);
  const logPort = { info: log, warning: warn, error: (m) => error(m) };
  const comments = pullRequestComments(octokit, context.owner, context.repo);
  if (inputs.fromReport) {
    const posted = await postFromReport({ path: inputs.fromReport, run: context, comments, log: logPort });
    setOutput("reported", JSON.stringify([]));
    setOutput("failed", "false");
    setOutput("eval-results", "[]");
    await summary.addRaw(`tunegate posted the validation report to #${posted.pr} (${posted.action}).`, true).write();
    return;
  }
  const { models, catalog } = await loadReportModels(inputs.config, context.workspace, warn);
  const result = await reportJobs({
    repository: context.repository,
    workspace: context.workspace,
    outputDir: context.tempDir,
    comments,
    models,
    catalog: catalog ?? resolveCatalog(),
    jobs: inputs.jobs,
    evaluation: inputs.evaluation,
    ...inputs.targetModel ? { targetModel: inputs.targetModel } : {},
    ...inputs.baselineModel ? { baselineModel: inputs.baselineModel } : {},
    gates: {
      ...inputs.minAccuracy === void 0 ? {} : { minAccuracy: inputs.minAccuracy },
      ...inputs.maxRegression === void 0 ? {} : { maxRegression: inputs.maxRegression }
    },
    ...process.env.AWS_REGION ? { defaultRegion: process.env.AWS_REGION } : {},
    log: logPort
  });
  setOutput("reported", JSON.stringify(result.reported));
  setOutput("failed", String(result.jobFailed || result.gatesFailed));
  setOutput("eval-results", JSON.stringify(result.resultsFiles));
  if (result.bodies.length === 0) log("No job to report.");
  else {
    let summary2 = "";
    for (const body of result.bodies) {
      if (summary2.length + body.length > 1e6) break;
      summary2 += `${body}
---

`;
    }
    await summary.addRaw(summary2, true).write();
  }
  if (result.errors.length > 0) {
    setFailed(`${result.errors.length} job(s) could not be reported: ${result.errors.join("; ")}`);
  } else if (result.gatesFailed) {
    setFailed("An evaluation gate was crossed or could not be checked; see the comment and the log.");
  }
}
async function run() {
  await act();
}

// actions/report/src/index.ts
await runAction(run);
