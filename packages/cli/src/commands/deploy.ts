import { createInterface } from "node:readline/promises";
import { parseArgs } from "node:util";
import { createBedrockClient } from "@tunegate/aws";
import { originRepository } from "@tunegate/git";
import * as deploy from "@tunegate/usecases";
import { loadCommandConfig } from "../config";
import { EXIT, type Io, UsageError } from "../io";
import { usageErrors } from "../options";
import type { Command } from "./command";
import { describeDeployment } from "./deploy-output";

const HELP = `Usage: tunegate deploy status|promote|rollback MODEL [options]

The production deployment of a model with deploy: in tunegate.yml (on-demand serving of its custom model).
  status    what production serves, the decision that put it there, what a rollback would restore
  promote   point production at a job's model by hand, past the gates (default: the newest completed job)
  rollback  point production back at the model the current one replaced (found by tags)
promote and rollback ask you to type the model's name first, unless --yes.

Options:
  --config FILE            tunegate.yml (default: tunegate.yml)
  --job NAME|ARN           promote: the job whose model to promote
  --repository OWNER/NAME  promote: whose jobs to look at (default: GITHUB_REPOSITORY, then origin)
  --yes                    do not ask for confirmation
  -h, --help               Show this help

Exit status: 0 done, 1 not confirmed, 2 bad usage or an AWS error.

Examples:
  tunegate deploy status support-router
  tunegate deploy rollback support-router --yes
`;

export const deployCommand: Command = {
  name: "deploy",
  help: HELP,
  async run(args: string[], io: Io): Promise<number> {
    const { values, positionals } = usageErrors("deploy", () =>
      parseArgs({
        args,
        allowPositionals: true,
        strict: true,
        options: {
          config: { type: "string", default: "tunegate.yml" },
          job: { type: "string" },
          repository: { type: "string" },
          yes: { type: "boolean", default: false },
          help: { type: "boolean", short: "h", default: false },
        },
      }),
    );
    if (values.help) {
      io.stdout.write(HELP);
      return EXIT.ok;
    }
    const [verb, modelName, ...rest] = positionals;
    if (!["status", "promote", "rollback"].includes(verb ?? "") || !modelName || rest.length > 0) {
      throw new UsageError("deploy takes status, promote or rollback, then one model name of tunegate.yml.");
    }
    const { models } = await loadCommandConfig(io, values.config, [modelName]);
    const model = models[0]!;
    if (!model.deploy) throw new UsageError(`${modelName} has no deploy: section in ${values.config}.`);
    const name = model.deploy.name;
    const bedrock = createBedrockClient({ region: model.region, env: { ...io.env } });
    const apply = { clock: deploy.systemClock, log: (m: string) => io.stderr.write(`${m}\n`) };
    const confirmed = async (what: string) => {
      if (values.yes) return true;
      io.stdout.write(`${what}\nType the model name (${modelName}) to confirm: `);
      const rl = createInterface({ input: process.stdin, terminal: false });
      const answer = await rl.question("").finally(() => rl.close());
      if (answer.trim() === modelName) return true;
      io.stderr.write("Not confirmed: nothing was changed.\n");
      return false;
    };
    try {
      if (verb === "status") {
        io.stdout.write(describeDeployment(await deploy.deploymentStatus(bedrock, name), model.region));
      } else if (verb === "rollback") {
        const plan = await deploy.planRollback(bedrock, name);
        if (!(await confirmed(`Roll ${name} back from ${plan.from} to ${plan.to}.`))) return EXIT.problems;
        const after = await deploy.rollBack(bedrock, plan, apply);
        io.stdout.write(`${name} serves ${after.modelArn} again.\n`);
      } else {
        const repository = values.repository ?? io.env.GITHUB_REPOSITORY ?? (await originRepository(io.cwd));
        if (!repository && !values.job) throw new UsageError("No repository: pass --repository or --job.");
        const job = await deploy.promotionCandidate(bedrock, modelName, repository ?? "", values.job);
        if (!(await confirmed(`Point ${name} at ${job.modelArn} (${job.jobName}), past the gates.`)))
          return EXIT.problems;
        const done = await deploy.promoteJobModel(bedrock, name, job, apply);
        io.stdout.write(`${name} (${done.production.arn}) serves ${done.production.modelArn}.\n`);
      }
      return EXIT.ok;
    } finally {
      bedrock.destroy();
    }
  },
};
