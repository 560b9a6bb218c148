import { parseArgs } from "node:util";
import { createBedrockClient } from "@tunegate/aws";
import { loadCommandConfig } from "../config";
import { EXIT, type Io, UsageError } from "../io";
import { oneOf, usageErrors } from "../options";
import type { Command } from "./command";
import { ACTIONS, runProvision, TERMS } from "./provision-output";

const HELP = `Usage: tunegate provision create|status|wait|delete MODEL [options]

Provisioned Throughput for the custom model of MODEL (a model of tunegate.yml): its newest completed job's
model, or --model-arn. For base models that cannot serve a custom model on demand. It bills by the hour
from creation until deleted: create prints the hourly price and its source first, buys no commitment
unless --commitment is given and confirmed by typing the throughput's name, refuses a second throughput
for the same custom model (--allow-second) and refuses a Legacy base model, as AWS does.

Options:
  --config FILE        tunegate.yml (default: tunegate.yml)
  --units N            Model units (create; default 1)
  --commitment TERM    none (default), OneMonth or SixMonths (create; asks for a typed confirmation)
  --hourly-usd USD     Price per model unit and hour, when the catalog has none for the base model
  --allow-second       Create another throughput for a custom model that already has one
  --model-arn ARN      The custom model to serve (default: the model's newest completed job's)
  --name NAME          delete: only this throughput
  --timeout MINUTES    wait: give up after this long (default 60; the throughput goes on)
  -h, --help           Show this help

Exit status: 0 done, 1 a throughput failed (wait), 2 bad usage, refused, or an AWS error.

Examples:
  tunegate provision create support-router --units 1
  tunegate provision wait support-router && tunegate provision status support-router
  tunegate provision delete support-router
`;

export const provision: Command = {
  name: "provision",
  help: HELP,
  async run(args: string[], io: Io): Promise<number> {
    const { values, positionals } = usageErrors("provision", () =>
      parseArgs({
        args,
        allowPositionals: true,
        strict: true,
        options: {
          config: { type: "string", default: "tunegate.yml" },
          units: { type: "string", default: "1" },
          commitment: { type: "string", default: "none" },
          "hourly-usd": { type: "string" },
          "allow-second": { type: "boolean", default: false },
          "model-arn": { type: "string" },
          name: { type: "string" },
          timeout: { type: "string", default: "60" },
          help: { type: "boolean", short: "h", default: false },
        },
      }),
    );
    if (values.help) {
      io.stdout.write(HELP);
      return EXIT.ok;
    }
    if (positionals.length !== 2)
      throw new UsageError("provision takes an action (create, status, wait, delete) and a model name.");
    const action = oneOf("action", positionals[0]!, ACTIONS);
    const term = oneOf("--commitment", values.commitment, TERMS);
    const units = Number(values.units);
    const hourly = values["hourly-usd"] === undefined ? undefined : Number(values["hourly-usd"]);
    const timeout = Number(values.timeout);
    if (!Number.isInteger(units) || units < 1)
      throw new UsageError(`--units takes a whole number from 1; got "${values.units}".`);
    if (hourly !== undefined && !(hourly >= 0))
      throw new UsageError(`--hourly-usd takes a price in US dollars; got "${values["hourly-usd"]}".`);
    if (!(timeout > 0)) throw new UsageError(`--timeout takes minutes; got "${values.timeout}".`);
    const { models } = await loadCommandConfig(io, values.config, [positionals[1]!]);
    const model = models[0]!;
    const bedrock = createBedrockClient({ region: model.region, env: { ...io.env } });
    try {
      return await runProvision(action, {
        io,
        bedrock,
        model,
        flags: {
          units,
          hourly,
          timeout,
          term,
          modelArn: values["model-arn"],
          allowSecond: values["allow-second"],
          name: values.name,
        },
      });
    } finally {
      bedrock.destroy();
    }
  },
};
