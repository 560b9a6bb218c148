import { UserError } from "../user-error";
import { BUILT_IN_MODELS } from "./models";
import { NOT_CUSTOMIZABLE } from "./not-customizable";
import type { BaseModel, LifecycleState } from "./schema";

/** The resolved set of base models tunegate checks against: built-in entries plus the user's. */
export class Catalog {
  readonly #byId: ReadonlyMap<string, BaseModel>;

  constructor(models: readonly BaseModel[]) {
    this.#byId = new Map(models.map((m) => [m.id, m]));
  }

  get models(): BaseModel[] {
    return [...this.#byId.values()];
  }

  find(id: string): BaseModel | undefined {
    return this.#byId.get(id) ?? this.#byId.get(stripArn(id));
  }

  /** The entry for `id`, or an error that says why it is not there and what to use instead. */
  get(id: string): BaseModel {
    const found = this.find(id);
    if (found) return found;
    throw new CatalogError(describeUnknownModel(id, this.models));
  }
}

export class CatalogError extends UserError {
  override name = "CatalogError";
}

/** `arn:aws:bedrock:us-west-2::foundation-model/<id>` names the same base model as `<id>`. */
function stripArn(id: string): string {
  const m = /^arn:aws[^:]*:bedrock:[^:]*:[^:]*:foundation-model\/(.+)$/.exec(id);
  return m?.[1] ?? id;
}

function describeUnknownModel(id: string, models: readonly BaseModel[]): string {
  const notCustomizable = NOT_CUSTOMIZABLE.find((n) => n.pattern.test(id));
  if (notCustomizable) return `"${id}" is not a base model tunegate can fine-tune: ${notCustomizable.why}.`;
  const near = models.filter((m) => m.id.startsWith(id) || id.startsWith(m.id.replace(/:\d+k$/, "")));
  if (near.length > 0) {
    return `"${id}" is not a customizable base model identifier. Did you mean ${near.map((m) => `"${m.id}"`).join(" or ")}? Customization takes the id with its context suffix (e.g. ":200k"), not the inference id.`;
  }
  return `"${id}" is not in the base-model catalog. Known: ${models.map((m) => m.id).join(", ")}. To use another model, add it under "catalog:" in tunegate.yml (it may extend a known entry).`;
}

/**
 * The built-in entries alone, as `resolveCatalog()` gives them: no schema is loaded, as every entry is
 * written in the schema's output form and a test holds each to it. Each call gets its own copies, so a
 * caller that changes an entry changes nobody else's.
 */
export function builtInCatalog(): Catalog {
  return new Catalog(BUILT_IN_MODELS.map((m) => structuredClone(m)));
}

/** The model's lifecycle in `region` (AWS retires models per Region), or undefined when none is stated. */
export function lifecycleIn(model: BaseModel, region?: string): LifecycleState | undefined {
  const lc = model.lifecycle;
  if (!lc) return undefined;
  const { byRegion, ...everywhere } = lc;
  return (region === undefined ? undefined : byRegion?.[region]) ?? everywhere;
}

/** A path as one shell word: left alone when it is only safe characters, else single-quoted. */
const shellWord = (path: string) => (/^[\w./-]+$/.test(path) ? path : `'${path.replaceAll("'", "'\\''")}'`);

/**
 * What a team on a legacy or retired base does next: the active models of the same record format. Given
 * the model's dataset files, it names the `tunegate convert` command that moves them to the first of
 * those models, when its record format differs.
 */
export function lifecycleAdvice(
  model: BaseModel,
  catalog?: Catalog,
  files?: { training: string; validation?: string | undefined },
): string {
  const targets = (catalog ?? builtInCatalog()).models
    .filter((m) => m.id !== model.id && lifecycleIn(m)?.status === "active")
    .filter((m) => m.customizationTypes.includes("FINE_TUNING"));
  // Converse-format models first, those servable on demand (no idle Provisioned Throughput bill) before.
  const rank = (m: BaseModel) =>
    (m.format === "bedrock-conversation-2024" ? 0 : 2) + (m.serving?.onDemand ? 0 : 1);
  const chosen = [...targets].sort((a, b) => rank(a) - rank(b)).slice(0, 2);
  const named = chosen.map((m) => `${m.name} (${m.id})`);
  const to = named.length > 0 ? `, e.g. ${named.join(" or ")}` : "";
  const format =
    model.format === "bedrock-conversation-2024"
      ? "its records are already in the Converse format (bedrock-conversation-2024)"
      : `its records move from the ${model.format} format to the Converse format (bedrock-conversation-2024) that Nova and Llama 3.2/3.3 take`;
  const first = chosen[0];
  const paths = files ? [files.training, ...(files.validation === undefined ? [] : [files.validation])] : [];
  const command =
    first && first.format !== model.format && paths.length > 0
      ? ` To convert ${paths.length > 1 ? "the datasets" : "the training file"} and check the result under ${first.name}'s rules: ${paths.map((p) => `tunegate convert ${shellWord(p)} --to ${first.id}`).join("; ")}.`
      : "";
  return `Move the model to an active base model${to}: ${format}.${command} A team with continued access under a private arrangement with the provider overrides the entry's lifecycle under "catalog:" in tunegate.yml.`;
}

/**
 * A warning for a legacy or retired base model in `region`, with its dates and source, or undefined for
 * an active one (or one whose lifecycle no source states).
 */
export function lifecycleWarning(
  model: BaseModel,
  today: Date = new Date(),
  region?: string,
): string | undefined {
  const lc = lifecycleIn(model, region);
  if (!lc || lc.status === "active") return undefined;
  const where = region === undefined ? "" : ` in ${region}`;
  const eol = lc.endOfLife;
  const past = (date: string | undefined) => date !== undefined && new Date(`${date}T00:00:00Z`) <= today;
  if (lc.status === "end-of-life" || past(eol)) {
    const when = eol ? ` on ${eol}` : "";
    const legacy = lc.legacySince ? ` (Legacy since ${lc.legacySince})` : "";
    return `${model.name} (${model.id}) reached its end-of-life${where}${when}${legacy}: AWS takes no new customization jobs for it and requests to it fail. Source: ${lc.source}.`;
  }
  const since = lc.legacySince ? ` since ${lc.legacySince}` : "";
  return `${model.name} (${model.id}) is legacy${where}${since}: AWS takes no new fine-tuning jobs or Provisioned Throughput for it${eol ? `, and it reaches end-of-life on ${eol}` : ""}. Source: ${lc.source}.`;
}
