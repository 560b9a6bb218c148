import { defineConfig } from "vitest/config";

// One test setup for every workspace: tests run offline, in Node. The timeouts are set here only, and
// only to stop a test that hangs: on a machine shared with other work a test may take many times its
// usual time, and that is no failure (tests wait on events and the stand-ins' clocks, never on wall
// time; durations are measured by `npm run bench`).
export default defineConfig({
  test: {
    environment: "node",
    include: ["test/**/*.test.ts"],
    testTimeout: 600_000,
    hookTimeout: 600_000,
    pool: "forks",
  },
});
