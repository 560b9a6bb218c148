import { actionsMarkdown, repositoryRoot } from "./actions-markdown";
import { catalogMarkdown } from "./catalog-markdown";
import { configMarkdown, SCHEMA_FILE, schemaFile } from "./config-markdown";
import { rulesMarkdown } from "./rules-markdown";
import { troubleshootingMarkdown } from "./troubleshooting-markdown";

/**
 * Documentation generated from the code, by repository path. `npm run docs` writes these files, and a
 * test fails when a committed copy differs, so the docs cannot drift from the rules, the catalog, the
 * config schema, the actions' metadata and the failure hints. `root` is the repository (for the
 * actions' action.yml files); by default the nearest one above the working directory.
 */
export function generatedDocs(root: string = repositoryRoot()): Record<string, string> {
  return {
    "docs/rules.md": rulesMarkdown(),
    "docs/base-models.md": catalogMarkdown(),
    "docs/configuration.md": configMarkdown(),
    [SCHEMA_FILE]: schemaFile(),
    "docs/actions.md": actionsMarkdown(root),
    "docs/troubleshooting.md": troubleshootingMarkdown(),
  };
}

export {
  actionsMarkdown,
  catalogMarkdown,
  configMarkdown,
  rulesMarkdown,
  schemaFile,
  troubleshootingMarkdown,
};
