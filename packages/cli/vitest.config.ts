import { defineConfig, mergeConfig } from "vitest/config";
import shared from "../../vitest.shared.ts";

// The CLI is tested as users run it: the bundle, built fresh and copied outside the repository.
export default mergeConfig(shared, defineConfig({ test: { globalSetup: ["./test/global-setup.ts"] } }));
