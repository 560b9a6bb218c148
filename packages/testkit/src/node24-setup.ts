import { node24 } from "./node24";

/**
 * A vitest globalSetup: resolves the Node 24 runtime once, in the main process, and hands its path to
 * every test worker through TUNEGATE_NODE24 (workers start after this and inherit the environment),
 * so no test spends its own timeout fetching it.
 */
export default async function setup(): Promise<void> {
  process.env.TUNEGATE_NODE24 = await node24();
}
