import type { DistillPrompt } from "./prompts";

/** What an answer depends on: the same prompt asked of the same teacher with the same settings. */
export interface TeacherSettings {
  teacher: string;
  maxTokens: number;
  temperature: number;
}

/**
 * The text whose digest keys an answer in the journal: the prompt's content (not its line, so an edited
 * prompts file keeps the answers of the prompts it still has), the teacher and its settings.
 */
export function promptIdentity(prompt: DistillPrompt, settings: TeacherSettings): string {
  return JSON.stringify([
    settings.teacher,
    settings.maxTokens,
    settings.temperature,
    prompt.system,
    prompt.messages.map((m) => [m.role, m.text]),
  ]);
}

/** The text the teacher reads, for counting its input tokens before the first call. */
export function promptText(prompt: DistillPrompt): string {
  return [prompt.system, ...prompt.messages.map((m) => m.text)].filter((t) => t !== "").join("\n");
}
