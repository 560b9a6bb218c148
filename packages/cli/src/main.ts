import { isUserError, userErrorText } from "@tunegate/core";
import { COMMANDS, type CommandEntry } from "./commands/index";
import { EXIT, type Io } from "./io";
import { VERSION } from "./version";

export function topHelp(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return `tunegate ${VERSION}: fine-tuning datasets for Amazon Bedrock, checked before they cost a training job.

Usage: tunegate <command> [options]

Commands:
${COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join("\n")}

Options:
  -h, --help     Show this help (or a command's: tunegate <command> --help)
  -v, --version  Print the version

Examples:
  tunegate validate train:data/train.jsonl validation:data/validation.jsonl
  tunegate validate data/train.jsonl --format github
  tunegate stats data/train.jsonl --label-pattern '^ROUTE: (\\S+)'
`;
}

/**
 * Runs the command line `argv` (without node and the script) and returns the exit code: 0, 1 for data
 * problems, 2 for a user mistake, 70 for a bug. `commands` is for tests.
 */
export async function main(
  argv: readonly string[],
  io: Io,
  commands: readonly CommandEntry[] = COMMANDS,
): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined) {
    io.stderr.write(topHelp());
    return EXIT.usage;
  }
  if (first === "--help" || first === "-h") {
    io.stdout.write(topHelp());
    return EXIT.ok;
  }
  if (first === "--version" || first === "-v") {
    io.stdout.write(`${VERSION}\n`);
    return EXIT.ok;
  }
  const helpFor = first === "help" ? rest[0] : undefined;
  if (first === "help") {
    const entry = COMMANDS.find((c) => c.name === helpFor);
    io.stdout.write(entry ? (await entry.load()).help : topHelp());
    return entry || helpFor === undefined ? EXIT.ok : EXIT.usage;
  }
  const entry = commands.find((c) => c.name === first);
  if (!entry) {
    io.stderr.write(
      `tunegate: unknown command "${first}". Commands: ${COMMANDS.map((c) => c.name).join(", ")}. Run \`tunegate --help\` for usage.\n`,
    );
    return EXIT.usage;
  }
  const command = await entry.load();
  try {
    return await command.run(rest, io);
  } catch (err) {
    // A user mistake (usage, config, dataset, AWS refusal) is told as its message and fix; anything
    // else is a bug in tunegate, told with its stack so it can be reported.
    if (isUserError(err)) {
      io.stderr.write(`tunegate ${command.name}: ${userErrorText(err)}\n`);
      return EXIT.usage;
    }
    const detail = err instanceof Error ? (err.stack ?? err.message) : String(err);
    io.stderr.write(`tunegate ${command.name}: unexpected failure (a bug in tunegate): ${detail}\n`);
    return EXIT.bug;
  }
}
