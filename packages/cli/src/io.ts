import { UserError } from "@tunegate/core";

/** What a command may touch of the process: injected so commands run the same in tests and for real. */
export interface OutputStream {
  write(text: string): unknown;
  readonly isTTY?: boolean;
  /** Terminal width, when known. */
  readonly columns?: number;
}

export interface Io {
  stdout: OutputStream;
  stderr: OutputStream;
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
  /** Where a command reads a typed confirmation (the process's stdin; absent: nothing can be confirmed). */
  stdin?: NodeJS.ReadableStream;
}

export const EXIT = {
  /** Nothing that blocks training was found. */
  ok: 0,
  /** The datasets have at least one error. */
  problems: 1,
  /** Bad usage or unreadable input: the check did not run. */
  usage: 2,
  /** A bug in tunegate (anything thrown that is not a UserError): the stack goes to stderr. */
  bug: 70,
} as const;

/** Bad usage, unreadable input, unknown model: exit 2 with this message. */
export class UsageError extends UserError {
  override name = "UsageError";
}
