import { parseArgs } from "node:util";
import { trainingTarget } from "@tunegate/aws";
import { DEFAULT_CONFIG_FILE } from "@tunegate/core";
import { RegionClients, systemClock, train as trainModels } from "@tunegate/usecases";
import { loadCommandConfig } from "../config";
import { EXIT, type Io, UsageError } from "../io";
import { usageErrors } from "../options";
import { parallelOption } from "../parallel";
import type { Command } from "./command";
import { printBlocked, printDryRun, terminalEvents } from "./train-output";
import { trainingSource } from "./train-source";

const HELP = `Usage: tunegate train [options]

Starts Amazon Bedrock fine-tuning for the models in tunegate.yml, as the train action does when a dataset
pull request merges: re-validates each model's datasets (invalid data never trains), uploads them to
content-addressed S3 keys (skipped when the same bytes are there), and starts one model customization job
per model. A job for the same data and settings that exists already is reported, not started again.

Jobs are tagged with the commit (HEAD) and the repository, so the datasets and tunegate.yml must be
committed: uncommitted changes are refused unless --allow-dirty.

Options:
  --config FILE    The configuration file (default: ${DEFAULT_CONFIG_FILE})
  --model NAME     Train this model only (repeatable; default: every model in the file)
  --dry-run        Print the exact uploads and CreateModelCustomizationJob requests; send nothing
  --wait MIN       Minutes to wait for the jobs to end (default: 0, return once they started)
  --allow-dirty    Train datasets that differ from the committed ones (tagged with HEAD all the same)
  -h, --help       Show this help

Credentials come from the standard AWS chain (environment, profile, SSO); AWS_ENDPOINT_URL_S3 and
AWS_ENDPOINT_URL_BEDROCK point tunegate at other endpoints. The repository tag comes from
GITHUB_REPOSITORY, else the GitHub remote "origin". See docs/aws-setup.md for the IAM policies.

Exit status: 0 jobs started or found (with --wait: completed), 1 data errors, a request AWS refused or a
job that failed, 2 bad usage or an unusable configuration.

Examples:
  tunegate train --dry-run
  tunegate train --model support-router
  tunegate train --config ml/tunegate.yml --wait 120
`;

export const train: Command = {
  name: "train",
  help: HELP,
  async run(args: string[], io: Io): Promise<number> {
    const { values } = usageErrors("train", () =>
      parseArgs({
        args,
        allowPositionals: false,
        strict: true,
        options: {
          config: { type: "string", default: DEFAULT_CONFIG_FILE },
          model: { type: "string", multiple: true, default: [] },
          "dry-run": { type: "boolean", default: false },
          wait: { type: "string", default: "0" },
          "allow-dirty": { type: "boolean", default: false },
          help: { type: "boolean", short: "h", default: false },
        },
      }),
    );
    if (values.help) {
      io.stdout.write(HELP);
      return EXIT.ok;
    }
    const waitMinutes = Number(values.wait);
    if (!Number.isFinite(waitMinutes) || waitMinutes < 0 || waitMinutes > 24 * 60) {
      throw new UsageError(`--wait takes minutes from 0 to 1440; got "${values.wait}".`);
    }
    const { configPath, config, models } = await loadCommandConfig(io, values.config, values.model);
    const git = await trainingSource(io, {
      configPath,
      config,
      models,
      allowDirty: values["allow-dirty"],
      dryRun: values["dry-run"],
    });
    const clients = new RegionClients({ ...io.env });
    const events = terminalEvents(io);
    try {
      const result = await trainModels(
        {
          targets: models.map((m) => trainingTarget(m, config.root, git.top)),
          prepare: {
            commit: git.commit,
            repository: git.repository,
            ...parallelOption(),
            ...(events.checkProgress ? { onProgress: (p) => events.checkProgress?.update(p) } : {}),
          },
          dryRun: values["dry-run"],
          waitMinutes,
        },
        { clients, clock: systemClock, events },
      );
      if (result.outcome === "blocked") printBlocked(io, result.blocked);
      if (result.outcome === "dry-run") printDryRun(io, result.runs);
      return result.outcome === "blocked" || (result.outcome === "launched" && result.failed.length > 0)
        ? EXIT.problems
        : EXIT.ok;
    } finally {
      clients.destroy();
    }
  },
};
