import { parseArgs } from "node:util";
import { createBedrockClient } from "@tunegate/aws";
import { originRepository } from "@tunegate/git";
import { showStatus } from "@tunegate/usecases";
import { EXIT, type Io, UsageError } from "../io";
import { oneOf, usageErrors } from "../options";
import type { Command } from "./command";
import { statusText } from "./status-output";

const FORMATS = ["pretty", "json"] as const;

const HELP = `Usage: tunegate status [JOB] [options]

Shows an Amazon Bedrock model customization job: status, times, data, hyperparameters, losses and the
tunegate tags (repository, commit, pull request, dataset SHA-256). JOB is a job name or ARN. Without JOB,
lists this repository's most recent jobs, found by their tunegate:repository tag.

Options:
  --region REGION          Region of the jobs (default: AWS_REGION, then AWS_DEFAULT_REGION)
  --repository OWNER/NAME  Repository whose jobs to list (default: GITHUB_REPOSITORY, then the
                           GitHub remote "origin" of the current directory)
  --limit N                Jobs to list (default: 10)
  --format pretty|json     Output format (default: pretty)
  -h, --help               Show this help

Credentials come from the standard AWS chain (environment, profile, SSO); AWS_ENDPOINT_URL_BEDROCK points
tunegate at another endpoint.

Exit status: 0 shown (a job that failed or was stopped exits 1), 2 bad usage or an AWS error.

Examples:
  tunegate status
  tunegate status tunegate-support-router-0123456-1a2b3c4d5e6f --region us-west-2
  tunegate status --repository acme/support-data --limit 3 --format json
`;

export const status: Command = {
  name: "status",
  help: HELP,
  async run(args: string[], io: Io): Promise<number> {
    const { values, positionals } = usageErrors("status", () =>
      parseArgs({
        args,
        allowPositionals: true,
        strict: true,
        options: {
          region: { type: "string" },
          repository: { type: "string" },
          limit: { type: "string", default: "10" },
          format: { type: "string", default: "pretty" },
          help: { type: "boolean", short: "h", default: false },
        },
      }),
    );
    if (values.help) {
      io.stdout.write(HELP);
      return EXIT.ok;
    }
    if (positionals.length > 1) throw new UsageError("status takes at most one job name or ARN.");
    const format = oneOf("--format", values.format, FORMATS);
    const limit = Number(values.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 100) {
      throw new UsageError(`--limit takes a whole number from 1 to 100; got "${values.limit}".`);
    }
    const region =
      values.region ?? regionFromArn(positionals[0]) ?? (io.env.AWS_REGION || io.env.AWS_DEFAULT_REGION);
    if (!region) {
      throw new UsageError("No Region: pass --region, or set AWS_REGION (the Region the jobs run in).");
    }
    const client = createBedrockClient({ region, env: { ...io.env } });
    try {
      const result = await showStatus(
        { job: positionals[0], limit },
        {
          bedrock: client,
          repository: async () =>
            values.repository ?? io.env.GITHUB_REPOSITORY ?? (await originRepository(io.cwd)),
        },
      );
      const { text, failed } = statusText(result, region, format);
      io.stdout.write(text);
      return failed ? EXIT.problems : EXIT.ok;
    } finally {
      client.destroy();
    }
  },
};

function regionFromArn(id: string | undefined): string | undefined {
  return id?.startsWith("arn:") ? id.split(":")[3] || undefined : undefined;
}
