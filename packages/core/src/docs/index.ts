import { catalogMarkdown } from "./catalog-markdown";
import { rulesMarkdown } from "./rules-markdown";

/**
 * Documentation generated from the code, by repository path. `npm run docs` writes these files, and a
 * test fails when a committed copy differs, so the docs cannot drift from the rules and the catalog.
 */
export function generatedDocs(): Record<string, string> {
  return {
    "docs/rules.md": rulesMarkdown(),
    "docs/base-models.md": catalogMarkdown(),
  };
}

export { catalogMarkdown, rulesMarkdown };
