import type { HttpMethod, RouteContract } from "../description/types";

export interface RouteMatch {
  template: string;
  /** Path parameters, percent-decoded. */
  params: Record<string, string>;
  /** The methods the description documents on this path. */
  methods: HttpMethod[];
}

interface CompiledRoute {
  route: RouteContract;
  pattern: RegExp;
  names: string[];
  literalSegments: number;
  multiSegmentCount: number;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function compile(route: RouteContract): CompiledRoute {
  const names: string[] = [];
  let literalSegments = 0;
  const source = route.template
    .split("/")
    .map((segment) => {
      const parts = segment.split(/(\{[^}]+\})/).filter((p) => p !== "");
      if (parts.every((p) => !p.startsWith("{"))) literalSegments += 1;
      return parts
        .map((part) => {
          if (!part.startsWith("{")) return escapeRegExp(part);
          const name = part.slice(1, -1);
          names.push(name);
          return route.multiSegment.includes(name) ? "(.+?)" : "([^/]+?)";
        })
        .join("");
    })
    .join("/");
  return {
    route,
    pattern: new RegExp(`^${source}/?$`),
    names,
    literalSegments,
    multiSegmentCount: route.multiSegment.length,
  };
}

/**
 * Matches request paths to the documented path templates. When several templates match
 * (`/repos/o/r/issues/comments` fits both `.../issues/comments` and `.../issues/{issue_number}`), the one
 * with more literal segments wins, as it does on GitHub.
 */
export class RouteTable {
  readonly #routes: CompiledRoute[];

  constructor(routes: readonly RouteContract[]) {
    this.#routes = routes
      .map(compile)
      .sort((a, b) => b.literalSegments - a.literalSegments || a.multiSegmentCount - b.multiSegmentCount);
  }

  /**
   * Matches the raw (still percent-encoded) path, so an encoded `/` stays inside one parameter. Prefers
   * a template that documents `method`; otherwise returns the best path match (for a 404 that names it).
   */
  match(rawPath: string, method: HttpMethod): RouteMatch | null {
    let fallback: RouteMatch | null = null;
    for (const compiled of this.#routes) {
      const found = compiled.pattern.exec(rawPath);
      if (!found) continue;
      const params: Record<string, string> = {};
      let decodable = true;
      compiled.names.forEach((name, i) => {
        try {
          params[name] = decodeURIComponent(found[i + 1] ?? "");
        } catch {
          decodable = false;
        }
      });
      if (!decodable) continue;
      const match = { template: compiled.route.template, params, methods: compiled.route.methods };
      if (match.methods.includes(method)) return match;
      fallback ??= match;
    }
    return fallback;
  }
}
