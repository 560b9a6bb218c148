import { main } from "./main";

// The executable: the real process's streams and environment, exit code through process.exitCode so
// piped output is flushed before Node exits.
process.exitCode = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd(),
});
