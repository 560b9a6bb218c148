import { createInterface } from "node:readline";
import type { createBedrockClient, ProvisionedThroughput } from "@tunegate/aws";
import type { ResolvedModel } from "@tunegate/core";
import {
  createProvision,
  deleteProvision,
  describeQuote,
  modelThroughputs,
  quoteProvisioned,
  waitProvision,
} from "@tunegate/usecases";
import { EXIT, type Io } from "../io";

export const ACTIONS = ["create", "status", "wait", "delete"] as const;
export const TERMS = ["none", "OneMonth", "SixMonths"] as const;

export interface ProvisionRun {
  io: Io;
  bedrock: ReturnType<typeof createBedrockClient>;
  model: ResolvedModel;
  flags: {
    units: number;
    hourly: number | undefined;
    timeout: number;
    term: (typeof TERMS)[number];
    modelArn: string | undefined;
    allowSecond: boolean;
    name: string | undefined;
  };
}

/** Runs one `tunegate provision` action and prints its result; returns the exit code. */
export async function runProvision(action: (typeof ACTIONS)[number], run: ProvisionRun): Promise<number> {
  const { io, bedrock, model, flags } = run;
  const log = {
    info: (m: string) => io.stderr.write(`${m}\n`),
    warning: (m: string) => io.stderr.write(`warning: ${m}\n`),
    error: (m: string) => io.stderr.write(`${m}\n`),
  };
  if (action === "create") {
    const out = await createProvision({
      bedrock,
      model,
      modelArn: flags.modelArn,
      units: flags.units,
      allowSecond: flags.allowSecond,
      hourlyUsd: flags.hourly,
      log,
      ...(flags.term === "none" ? {} : { commitment: flags.term }),
      confirm: (question, expected) => typedConfirmation(io, question, expected),
    });
    io.stdout.write(`${out.throughput.arn}\n`);
    return EXIT.ok;
  }
  if (action === "status") {
    const pts = await modelThroughputs(bedrock, model.name);
    if (pts.length === 0) {
      io.stdout.write(`No Provisioned Throughput of ${model.name} made by tunegate in ${model.region}.\n`);
      return EXIT.ok;
    }
    const quote = quoteProvisioned(model.baseModel, 1, { hourlyUsd: flags.hourly });
    io.stdout.write(throughputLines(pts));
    io.stdout.write(
      quote ? `Each model unit: ${describeQuote(quote)}.\n` : "No hourly price known (pass --hourly-usd).\n",
    );
    return EXIT.ok;
  }
  if (action === "wait") {
    const pts = await waitProvision(bedrock, model.name, { timeoutMs: flags.timeout * 60_000 });
    io.stdout.write(throughputLines(pts));
    return pts.every((pt) => pt.status === "InService") ? EXIT.ok : EXIT.problems;
  }
  for (const gone of await deleteProvision(bedrock, model.name, flags.name)) {
    const term = gone.commitmentExpires
      ? `; its commitment bills until ${gone.commitmentExpires.toISOString().slice(0, 10)}`
      : "";
    io.stdout.write(`${gone.name} ${gone.result}${term}.\n`);
  }
  return EXIT.ok;
}

/** Asks on stderr and reads one line from stdin; true only when it is exactly `expected`. */
export async function typedConfirmation(io: Io, question: string, expected: string): Promise<boolean> {
  io.stderr.write(`${question}\n> `);
  if (!io.stdin) return false;
  const lines = createInterface({ input: io.stdin, terminal: false });
  try {
    for await (const line of lines) return line.trim() === expected;
    return false;
  } finally {
    lines.close();
  }
}

/** One block per throughput: name, status, units, commitment, ARN and the model it serves. */
export function throughputLines(pts: readonly ProvisionedThroughput[]): string {
  return pts
    .map((pt) => {
      const term = pt.commitment
        ? `${pt.commitment} commitment until ${pt.commitmentExpires?.toISOString().slice(0, 10) ?? "?"}`
        : "no commitment";
      const failure = pt.failureMessage ? ` - ${pt.failureMessage}` : "";
      return `${pt.name}  ${pt.status}${failure}  ${pt.modelUnits} unit(s), ${term}, since ${pt.creationTime?.toISOString() ?? "?"}\n  ${pt.arn}\n  serves ${pt.modelArn}\n`;
    })
    .join("");
}
