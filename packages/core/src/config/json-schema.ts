import { z } from "zod";
import { configFileSchema } from "./schema";

/**
 * The JSON Schema of tunegate.yml, generated from the zod schema the loader uses, for editors
 * (yaml-language-server, VS Code) to complete and check the file. Draft-07, which every YAML and JSON
 * editor reads. It describes the file as written (`io: "input"`): numbers or strings where both are
 * accepted. Checks that need the catalog or the merged model (hyperparameter ranges, Regions, required
 * fields that defaults may supply) stay with the loader, which `tunegate validate` runs.
 */
export function configJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(configFileSchema, { io: "input", target: "draft-7" }) as Record<string, unknown>;
}
