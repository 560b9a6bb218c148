// Types of build.mjs, for the tests that read its entries.
export const ENTRY_POINTS: Readonly<Record<string, string>>;
export const ACTIONS: readonly string[];
export function entryText(name: string): string;
export function buildActions(outdir: string): Promise<void>;
