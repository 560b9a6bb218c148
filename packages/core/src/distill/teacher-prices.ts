import type { Catalog } from "../catalog/catalog";
import { type OnDemandPrices, onDemandPrices } from "../cost";

/**
 * The teacher's on-demand token prices: the catalog entry of its model (the teacher is named by its
 * invocation id, e.g. `us.amazon.nova-pro-v1:0`, the catalog by its customization id with a context
 * suffix), with what tunegate.yml's `catalog:` sets over it. Undefined when the catalog has no price.
 */
export function teacherPrices(teacher: string, catalog: Catalog): OnDemandPrices | undefined {
  const bare = teacher
    .replace(/^(us|eu|apac|global)\./, "")
    .replace(
      /^arn:aws[^:]*:bedrock:[^:]*:[^:]*:(foundation-model|inference-profile)\/((us|eu|apac|global)\.)?/,
      "",
    );
  const entry = catalog.models.find((m) => m.id === bare || m.id.replace(/:\d+k$/, "") === bare);
  return onDemandPrices(entry?.prices);
}
