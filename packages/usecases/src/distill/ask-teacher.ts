import {
  type AdaptiveLimit,
  type AskModel,
  type CostCap,
  callWithLimit,
  type DistillPrompt,
  type RetryPolicy,
} from "@tunegate/core";
import type { Journal, JournalEntry } from "./journal";

/** A prompt still to ask: its journal key and its input tokens (for the cost cap). */
export interface PendingPrompt {
  key: string;
  prompt: DistillPrompt;
  inputTokens: number;
}

export interface AskAllOptions {
  items: readonly PendingPrompt[];
  teacher: string;
  ask: AskModel;
  limit: AdaptiveLimit;
  retry: RetryPolicy;
  journal: Journal;
  cap?: CostCap;
  onSettled?: (answered: boolean) => void;
}

export interface AskAllResult {
  /** Calls that failed for good, by key: throttled past the retries, or refused by the service. */
  errors: Map<string, { throttled: boolean; message: string }>;
  /** The prompt the cost cap stopped at, with what had been spent and what it could have cost. */
  stoppedAt?: { item: PendingPrompt; spentUsd: number; worstUsd: number };
}

/**
 * Asks the teacher each prompt, in file order, within the adaptive limit and the cost cap. An answer
 * is journaled inside the call, before the call gives its slot back: no later call can go out before
 * the answer is safe on disk.
 */
export async function askAll(options: AskAllOptions): Promise<AskAllResult> {
  const { cap, limit, journal } = options;
  const errors: AskAllResult["errors"] = new Map();
  const pending = new Set<Promise<void>>();
  let stoppedAt: AskAllResult["stoppedAt"];
  for (const item of options.items) {
    let reservation = cap?.tryReserve(item.inputTokens);
    // Not within the cap beside the calls in flight: wait for them to settle at their real cost.
    while (cap && !reservation && pending.size > 0) {
      await Promise.race(pending);
      reservation = cap.tryReserve(item.inputTokens);
    }
    if (cap && !reservation) {
      stoppedAt = { item, spentUsd: cap.spentUsd, worstUsd: cap.worstCase(item.inputTokens) };
      break;
    }
    // Prompts are taken a little ahead of the calls in flight, not all at once.
    while (pending.size >= limit.max * 2) await Promise.race(pending);
    const call = async () => {
      const answer = await options.ask(options.teacher, {
        id: item.key,
        line: item.prompt.line,
        system: item.prompt.system,
        messages: item.prompt.messages,
        reference: "",
      });
      const entry: JournalEntry = {
        key: item.key,
        text: answer.text,
        ...(answer.stopReason === undefined ? {} : { stopReason: answer.stopReason }),
        ...(answer.inputTokens === undefined ? {} : { inputTokens: answer.inputTokens }),
        ...(answer.outputTokens === undefined ? {} : { outputTokens: answer.outputTokens }),
      };
      journal.append(entry);
      reservation?.settle(answer.inputTokens, answer.outputTokens);
    };
    const task = callWithLimit(limit, call, options.retry).then(
      () => options.onSettled?.(true),
      (err: unknown) => {
        // No answer came back: nothing was billed for it.
        reservation?.settle(0, 0);
        const kind = (err as { kind?: string }).kind;
        errors.set(item.key, {
          throttled: kind === "throttled",
          message: (err as Error).message ?? String(err),
        });
        options.onSettled?.(false);
      },
    );
    const tracked: Promise<void> = task.finally(() => pending.delete(tracked));
    pending.add(tracked);
  }
  await Promise.all(pending);
  return { errors, ...(stoppedAt ? { stoppedAt } : {}) };
}
