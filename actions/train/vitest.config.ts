import { defineConfig, mergeConfig } from "vitest/config";
import shared from "../../vitest.shared.ts";

// End-to-end tests run the committed bundle on Node 24 against local servers: allow for process start-up.
export default mergeConfig(shared, defineConfig({ test: { testTimeout: 60_000, hookTimeout: 120_000 } }));
