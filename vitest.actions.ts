import { defineConfig, mergeConfig } from "vitest/config";
import shared from "./vitest.shared.ts";

// Tests that run a bundled action as the runner does: on Node 24, against local servers. The runtime
// is resolved once, before any test starts and with no test's timeout over it (the first run fetches
// it through npx).
export default mergeConfig(
  shared,
  defineConfig({
    test: {
      globalSetup: [new URL("./packages/testkit/src/node24-setup.ts", import.meta.url).pathname],
    },
  }),
);
