// Matches an HTTP request against the `smithy.api#http` URI templates of the served operations and
// extracts the label values (`{jobIdentifier}`, greedy `{key+}`), percent-decoded per segment as the
// SDKs encode them.
import type { OperationInfo } from "./model.js";

type Segment =
  | { readonly kind: "literal"; readonly text: string }
  | { readonly kind: "label"; readonly name: string; readonly greedy: boolean };

export interface RouteMatch {
  readonly operation: OperationInfo;
  readonly labels: Readonly<Record<string, string>>;
}

interface CompiledRoute {
  readonly operation: OperationInfo;
  readonly segments: readonly Segment[];
  readonly requiredQuery: readonly [string, string | undefined][];
  readonly literalCount: number;
}

function compile(operation: OperationInfo): CompiledRoute {
  const [path = "", query] = operation.http.uri.split("?", 2);
  const segments: Segment[] = path
    .split("/")
    .filter((part) => part !== "")
    .map((part) => {
      const label = /^\{([^}+]+)(\+?)\}$/.exec(part);
      if (label) return { kind: "label", name: label[1] ?? "", greedy: label[2] === "+" };
      return { kind: "literal", text: part };
    });
  // A literal query in the template (`/foo?bar=baz`) must be present for the route to match.
  const requiredQuery: [string, string | undefined][] = (query ?? "")
    .split("&")
    .filter((pair) => pair !== "")
    .map((pair) => {
      const [name = "", value] = pair.split("=", 2);
      return [name, value];
    });
  const literalCount = segments.filter((segment) => segment.kind === "literal").length;
  return { operation, segments, requiredQuery, literalCount };
}

function decodeSegment(raw: string): string | undefined {
  try {
    return decodeURIComponent(raw);
  } catch {
    return undefined;
  }
}

function matchSegments(
  segments: readonly Segment[],
  parts: readonly string[],
): Record<string, string> | undefined {
  const labels: Record<string, string> = {};
  let position = 0;
  for (const [index, segment] of segments.entries()) {
    if (segment.kind === "literal") {
      if (parts[position] !== segment.text) return undefined;
      position += 1;
      continue;
    }
    if (segment.greedy) {
      // A greedy label takes every segment up to the literals that follow it.
      const rest = segments.length - index - 1;
      const taken = parts.slice(position, parts.length - rest);
      if (taken.length === 0) return undefined;
      const decoded = taken.map(decodeSegment);
      if (decoded.some((part) => part === undefined)) return undefined;
      labels[segment.name] = decoded.join("/");
      position += taken.length;
      continue;
    }
    const raw = parts[position];
    if (raw === undefined || raw === "") return undefined;
    const decoded = decodeSegment(raw);
    if (decoded === undefined) return undefined;
    labels[segment.name] = decoded;
    position += 1;
  }
  return position === parts.length ? labels : undefined;
}

export class Router {
  private readonly routes: CompiledRoute[];

  constructor(operations: readonly OperationInfo[]) {
    // The most specific template (most literal segments) wins when several match.
    this.routes = operations.map(compile).sort((a, b) => b.literalCount - a.literalCount);
  }

  match(method: string, pathname: string, query: URLSearchParams): RouteMatch | undefined {
    const parts = pathname.split("/").filter((part, index) => !(index === 0 && part === ""));
    if (parts.at(-1) === "") parts.pop();
    for (const route of this.routes) {
      if (route.operation.http.method !== method.toUpperCase()) continue;
      const queryOk = route.requiredQuery.every(([name, value]) =>
        value === undefined ? query.has(name) : query.get(name) === value,
      );
      if (!queryOk) continue;
      const labels = matchSegments(route.segments, parts);
      if (labels) return { operation: route.operation, labels };
    }
    return undefined;
  }
}
