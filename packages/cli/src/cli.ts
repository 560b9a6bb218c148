import { main } from "./main";

// A reader that stops early (`tunegate validate ... | head`) closes the pipe. That is not a failure of
// the check: the rest of the output is dropped and the exit code stays the check's, with no stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (err: NodeJS.ErrnoException) => {
    if (err.code !== "EPIPE" && err.code !== "ERR_STREAM_DESTROYED") throw err;
  });
}

// The AWS SDK warns on every AWS command under Node 20 that SDK releases after January 2027 need Node 22.
// The SDK is bundled into this file, so that is a note for whoever upgrades it here, not for the user:
// tunegate supports the Node versions its package.json `engines` names (README: Requirements), and
// raises that minimum, in a major release, when it takes such an SDK.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

// The executable: the real process's streams and environment, exit code through process.exitCode so
// piped output is flushed before Node exits.
process.exitCode = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd(),
  stdin: process.stdin,
});
