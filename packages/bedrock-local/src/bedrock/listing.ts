// Filtering, sorting and nextToken pagination shared by the List* operations.
import { ServiceError } from "../smithy/errors.js";

export interface ListQuery {
  readonly creationTimeAfter?: Date;
  readonly creationTimeBefore?: Date;
  readonly sortOrder?: string;
  readonly maxResults?: number;
  readonly nextToken?: string;
}

export interface Page<T> {
  readonly items: readonly T[];
  readonly nextToken: string | undefined;
}

const DEFAULT_PAGE_SIZE = 100;

function decodeToken(token: string): number {
  try {
    const offset = JSON.parse(Buffer.from(token, "base64url").toString("utf8")).offset;
    if (Number.isInteger(offset) && offset >= 0) return offset;
  } catch {
    // Falls through to the error below.
  }
  throw new ServiceError("ValidationException", "The provided nextToken is invalid.");
}

/** Creation-time filters, CreationTime sort (Descending unless asked), then one page. */
export function listPage<T extends { readonly creationTime: Date }>(
  items: readonly T[],
  query: ListQuery,
  keep: (item: T) => boolean = () => true,
): Page<T> {
  const after = query.creationTimeAfter?.getTime();
  const before = query.creationTimeBefore?.getTime();
  const direction = query.sortOrder === "Ascending" ? 1 : -1;
  const matching = items
    .filter((item) => after === undefined || item.creationTime.getTime() > after)
    .filter((item) => before === undefined || item.creationTime.getTime() < before)
    .filter(keep)
    .map((item, position) => ({ item, position }))
    // Ties (same millisecond) keep insertion order, so pages are stable.
    .sort(
      (a, b) =>
        direction *
        (a.item.creationTime.getTime() - b.item.creationTime.getTime() || a.position - b.position),
    )
    .map(({ item }) => item);
  const offset = query.nextToken === undefined ? 0 : decodeToken(query.nextToken);
  const size = query.maxResults ?? DEFAULT_PAGE_SIZE;
  const page = matching.slice(offset, offset + size);
  const next = offset + size < matching.length ? offset + size : undefined;
  return {
    items: page,
    nextToken:
      next === undefined ? undefined : Buffer.from(JSON.stringify({ offset: next })).toString("base64url"),
  };
}

export function containsIgnoringCase(text: string, part: string | undefined): boolean {
  return part === undefined || text.toLowerCase().includes(part.toLowerCase());
}
