import { setImmediate as nextMacrotask } from "node:timers/promises";
import { expect, it, vi } from "vitest";

// GitHub's TypeScript action template, which `@github/local-action` runs: each action's src/main.ts
// exports run() and starts nothing when imported; its src/index.ts (bundled into actions/dist/) calls it.
const MAINS = {
  validate: () => import("../../validate/src/main"),
  train: () => import("../../train/src/main"),
  report: () => import("../../report/src/main"),
};

for (const [action, load] of Object.entries(MAINS)) {
  it(`actions/${action}/src/main.ts exports run() and importing it starts nothing`, async () => {
    const written: string[] = [];
    const spy = vi.spyOn(process.stdout, "write").mockImplementation((chunk) => {
      written.push(String(chunk));
      return true;
    });
    const exitCode = process.exitCode;
    try {
      const main = await load();
      await nextMacrotask(); // anything the import started would have run by now, and failed the step
      expect(typeof main.run).toBe("function");
      expect(written.join("")).toBe("");
      expect(process.exitCode).toBe(exitCode);
    } finally {
      spy.mockRestore();
      process.exitCode = exitCode;
    }
  });
}
