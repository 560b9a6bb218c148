import {
  type AdaptiveLimit,
  type AskModel,
  type CostCap,
  callWithLimit,
  type DistillPrompt,
  ModelCallError,
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
  /**
   * Set when the first calls to settle (three, or all when fewer) were all refused by the service and
   * none had succeeded (an unknown teacher, missing access): the rest would fail the same way, so no
   * more were sent. One prompt the service refuses (too long for the teacher, say) stops nothing.
   */
  abort?: string;
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
  let succeeded = 0;
  let refused = 0;
  let abort: string | undefined;
  // Not the service's: the journal could not be written, or a bug. The run stops and it is thrown.
  let ownError: unknown;
  for (const item of options.items) {
    if (abort !== undefined || ownError !== undefined) break;
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
      // Queued before the run was given up: not sent.
      if (abort !== undefined) throw new ModelCallError(`not asked: ${abort}`, "fatal");
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
      () => {
        succeeded++;
        options.onSettled?.(true);
      },
      (err: unknown) => {
        // No answer came back: nothing was billed for it.
        reservation?.settle(0, 0);
        if (!(err instanceof ModelCallError)) {
          ownError ??= err;
          abort ??= "the run stopped";
          return;
        }
        const kind = (err as { kind?: string }).kind;
        if (kind === "fatal" && succeeded === 0 && ++refused >= Math.min(3, options.items.length))
          abort ??= (err as Error).message ?? String(err);
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
  if (ownError !== undefined) throw ownError;
  return { errors, ...(stoppedAt ? { stoppedAt } : {}), ...(abort === undefined ? {} : { abort }) };
}
