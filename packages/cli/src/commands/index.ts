import type { Command, CommandEntry } from "./command";

/**
 * Every subcommand, in the order the top-level help lists them. Each `load` is a dynamic import: the
 * CLI bundle splits there, so `tunegate --help` or `validate` never loads another command's code.
 */
export const COMMANDS: readonly CommandEntry[] = [
  {
    name: "validate",
    summary: "Check datasets against the base model's requirements (exit 1 on errors)",
    load: async () => (await import("./validate")).validate,
  },
  {
    name: "stats",
    summary: "Show records, estimated tokens, labels and the estimated training cost of a dataset",
    load: async () => (await import("./stats")).stats,
  },
  {
    name: "convert",
    summary: "Convert a dataset to another model's format, listing what cannot be carried",
    load: async () => (await import("./convert")).convert,
  },
  {
    name: "cost",
    summary:
      "Estimate training and serving costs of the config's models: caching, on demand or Provisioned Throughput",
    load: async () => (await import("./cost")).cost,
  },
  {
    name: "train",
    summary: "Upload the datasets and start Bedrock fine-tuning (idempotent; --dry-run sends nothing)",
    load: async () => (await import("./train")).train,
  },
  {
    name: "status",
    summary: "Show a Bedrock customization job, or the repository's recent jobs",
    load: async () => (await import("./status")).status,
  },
  {
    name: "eval",
    summary: "Evaluate a model on the evaluation dataset through Bedrock Runtime and score it",
    load: async () => (await import("./eval")).evaluate,
  },
  {
    name: "provision",
    summary: "Create, show, wait for or delete Provisioned Throughput for a custom model",
    load: async () => (await import("./provision")).provision,
  },
  {
    name: "grade",
    summary: "Check a reinforcement fine-tuning grader (Lambda) on a sample of a dataset",
    load: async () => (await import("./grade")).grade,
  },
  {
    name: "distill",
    summary: "Ask a teacher model every prompt and write its answers as the student's training set",
    load: async () => (await import("./distill")).distill,
  },
  {
    name: "deploy",
    summary: "Show, promote or roll back a model's production deployment",
    load: async () => (await import("./deploy")).deployCommand,
  },
  {
    name: "diff",
    summary: "Compare two versions of a dataset record by record (files or git-ref:path)",
    load: async () => (await import("./diff")).diff,
  },
  {
    name: "schema",
    summary: "Print the JSON Schema of tunegate.yml for editors",
    load: async () => (await import("./schema")).schema,
  },
];

export type { Command, CommandEntry };
