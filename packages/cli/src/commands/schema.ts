import { parseArgs } from "node:util";
import { configJsonSchema } from "@tunegate/core";
import { EXIT, type Io, UsageError } from "../io";
import { usageErrors, writeOutput } from "../options";
import type { Command } from "./command";

const HELP = `Usage: tunegate schema [options]

Prints the JSON Schema of tunegate.yml (draft-07), generated from the same schema the loader checks
with, so editors can complete and check the file. Checks that need the base-model catalog (hyperparameter
ranges, Regions) stay with the loader: run tunegate validate for those.

Options:
  --output FILE   Write the schema to FILE instead of standard output
  -h, --help      Show this help

Examples:
  tunegate schema --output tunegate.schema.json
  # then, first line of tunegate.yml (yaml-language-server, e.g. the VS Code YAML extension):
  # yaml-language-server: $schema=./tunegate.schema.json
`;

export const schema: Command = {
  name: "schema",
  help: HELP,
  async run(args: string[], io: Io): Promise<number> {
    const { values, positionals } = usageErrors("schema", () =>
      parseArgs({
        args,
        allowPositionals: true,
        strict: true,
        options: { output: { type: "string" }, help: { type: "boolean", short: "h", default: false } },
      }),
    );
    if (values.help) {
      io.stdout.write(HELP);
      return EXIT.ok;
    }
    if (positionals.length > 0) {
      throw new UsageError("tunegate schema takes no arguments. Run `tunegate schema --help` for usage.");
    }
    await writeOutput(io, values.output, `${JSON.stringify(configJsonSchema(), null, 2)}\n`);
    return EXIT.ok;
  },
};
