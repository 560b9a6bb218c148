import { createRequire as __tunegateCreateRequire } from "node:module"; const require = __tunegateCreateRequire(import.meta.url);
import {
  formatIssue,
  loadConfig
} from "./chunk-PIF7LJE5.js";

// packages/usecases/src/ports.ts
var systemClock = { now: () => /* @__PURE__ */ new Date() };
var systemSleep = (ms) => new Promise((resolve2) => setTimeout(resolve2, ms));

// packages/core/src/jobs/links.ts
function consoleCustomModelsUrl(region) {
  return `https://${region}.console.aws.amazon.com/bedrock/home?region=${region}#/custom-models`;
}
function consoleCustomModelUrl(region, modelArn) {
  return `${consoleCustomModelsUrl(region)}/item?arn=${encodeURIComponent(modelArn)}`;
}

// packages/usecases/src/config.ts
import { isAbsolute, resolve } from "node:path";
async function loadProjectConfig(configArg, cwd, options = {}) {
  const configPath = isAbsolute(configArg) ? configArg : resolve(cwd, configArg);
  const { config, warnings } = await loadConfig(configPath, options);
  return {
    configPath,
    config,
    warnings: warnings.map((issue) => ({ issue, text: formatIssue(configArg, issue) }))
  };
}

export {
  consoleCustomModelsUrl,
  consoleCustomModelUrl,
  loadProjectConfig,
  systemClock,
  systemSleep
};
