import { defineConfig, mergeConfig } from "vitest/config";
import shared from "./vitest.shared.ts";

// Tests that run a bundled action as the runner does: on Node 24, against local servers. The runtime
// is resolved once, before any test starts and with no test's timeout over it (the first run fetches
// it through npx); the timeouts allow for process start-up on a busy machine, never for waiting on a
// clock (the stand-ins' clocks are virtual).
export default mergeConfig(
  shared,
  defineConfig({
    test: {
      globalSetup: [new URL("./packages/testkit/src/node24-setup.ts", import.meta.url).pathname],
      testTimeout: 120_000,
      hookTimeout: 180_000,
    },
  }),
);
