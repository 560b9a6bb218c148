import { DatasetReadError } from "@tunegate/core";
import { estimateModelCost, type ModelCost } from "@tunegate/usecases";
import { loadCommandConfig } from "../config";
import { COST_HELP, parseCostArgs } from "../cost-args";
import { costText } from "../cost-text";
import { EXIT, type Io, UsageError } from "../io";
import { parallelOption } from "../parallel";
import { servingText } from "../serving-text";
import type { Command } from "./command";

export const cost: Command = {
  name: "cost",
  help: COST_HELP,
  async run(args: string[], io: Io): Promise<number> {
    const parsed = parseCostArgs(args);
    if (parsed.help) {
      io.stdout.write(COST_HELP);
      return EXIT.ok;
    }
    const { config, models } = await loadCommandConfig(io, parsed.config, parsed.models);

    const costs: ModelCost[] = [];
    for (const model of models) {
      try {
        costs.push(await estimateModelCost(config, model, { ...parsed.options, ...parallelOption() }));
      } catch (err) {
        if (err instanceof DatasetReadError) throw new UsageError(err.message);
        throw err;
      }
    }
    io.stdout.write(
      parsed.format === "json"
        ? `${JSON.stringify({ config: parsed.config, models: costs }, null, 2)}\n`
        : costs
            .map((c) => `${costText(c, parsed.config)}${servingText(c.serving, parsed.config)}`)
            .join("\n"),
    );
    return EXIT.ok;
  },
};
