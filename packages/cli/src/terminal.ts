import type { OutputStream } from "./io";

/**
 * Colour when the stream is a terminal, unless NO_COLOR is set (no-color.org); FORCE_COLOR forces it
 * on (or off with "0"/"false") and wins over both, as in Node itself.
 */
export function colorEnabled(
  stream: OutputStream,
  env: Readonly<Record<string, string | undefined>>,
): boolean {
  const force = env.FORCE_COLOR;
  if (force !== undefined) return force !== "0" && force !== "false";
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== "") return false;
  if (env.TERM === "dumb") return false;
  return stream.isTTY === true;
}

/** Files smaller than this validate in about a second: no progress bar needed. */
export const PROGRESS_MIN_BYTES = 20 * 1024 * 1024;
const REDRAW_MS = 100;

export interface ProgressBar {
  update(progress: { file: string; bytesRead: number; totalBytes: number }): void;
  /** Clears the bar, so what is printed next starts on a clean line. */
  done(): void;
}

/**
 * A one-line progress bar on stderr, for large files only and only on a terminal (a log file or a
 * pipe gets no carriage-return noise). `now` is injectable for tests.
 */
export function progressBar(stream: OutputStream, now: () => number = Date.now): ProgressBar | undefined {
  if (stream.isTTY !== true) return undefined;
  let last = Number.NEGATIVE_INFINITY;
  let drawn = false;
  return {
    update({ file, bytesRead, totalBytes }) {
      if (totalBytes <= PROGRESS_MIN_BYTES) return;
      const t = now();
      if (bytesRead < totalBytes && t - last < REDRAW_MS) return;
      last = t;
      const share = Math.min(1, bytesRead / totalBytes);
      const width = 24;
      const filled = Math.round(share * width);
      const mib = (n: number) => (n / 1024 / 1024).toFixed(0);
      const bar = `  [${"#".repeat(filled)}${"-".repeat(width - filled)}] ${(share * 100).toFixed(0).padStart(3)}%  ${mib(bytesRead)}/${mib(totalBytes)} MiB`;
      // A terminal that reports no size (0, as under `script`) gets the common 80 columns; a long
      // file name loses its start, so the line never wraps (a wrapped line is not redrawn in place).
      const room = Math.max(8, (stream.columns || 80) - 1 - bar.length);
      const name = file.length > room ? `…${file.slice(file.length - room + 1)}` : file;
      stream.write(`\r\u001b[2K${name}${bar}`);
      drawn = true;
    },
    done() {
      if (drawn) stream.write("\r\u001b[2K");
      drawn = false;
    },
  };
}
