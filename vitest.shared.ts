import { defineConfig } from "vitest/config";

// One test setup for every workspace: tests run offline, in Node, with generous timeouts only where
// a test starts real servers (they say so themselves).
export default defineConfig({
  test: {
    environment: "node",
    include: ["test/**/*.test.ts"],
    testTimeout: 20_000,
    pool: "forks",
  },
});
