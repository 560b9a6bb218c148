// The vendored official models (see smithy/README.md). Imported as JSON modules so that bundlers
// (esbuild for the demo) carry them along and no path has to be resolved at run time.
import bedrockJson from "../../smithy/bedrock-2023-04-20.json" with { type: "json" };
import runtimeJson from "../../smithy/bedrock-runtime-2023-09-30.json" with { type: "json" };
import type { SmithyModel } from "./model.js";

// The JSON's inferred literal type is far richer than needed; the AST view is what the code relies on.
export const BEDROCK_MODEL = bedrockJson as unknown as SmithyModel;
export const BEDROCK_RUNTIME_MODEL = runtimeJson as unknown as SmithyModel;
