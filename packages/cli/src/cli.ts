import { main } from "./main";

// A reader that stops early (`tunegate validate ... | head`) closes the pipe. That is not a failure of
// the check: the rest of the output is dropped and the exit code stays the check's, with no stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (err: NodeJS.ErrnoException) => {
    if (err.code !== "EPIPE" && err.code !== "ERR_STREAM_DESTROYED") throw err;
  });
}

// The executable: the real process's streams and environment, exit code through process.exitCode so
// piped output is flushed before Node exits.
process.exitCode = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd(),
});
