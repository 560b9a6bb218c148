export interface Page<T> {
  items: T[];
  /** The `Link` header value, or undefined when everything fits on one page. */
  link: string | undefined;
}

/** GitHub caps `per_page` at 100 and treats anything below 1 as the default. */
export function clampPerPage(perPage: number | undefined, fallback = 30, max = 100): number {
  if (perPage === undefined || !Number.isFinite(perPage) || perPage < 1) return fallback;
  return Math.min(Math.floor(perPage), max);
}

/**
 * Slices one page and builds GitHub's `Link` header (`<...page=2>; rel="next", <...>; rel="last"`,
 * plus `prev`/`first` past page 1), keeping the request's other query parameters.
 */
export function paginate<T>(
  all: readonly T[],
  requestUrl: URL,
  page: number | undefined,
  perPage: number,
): Page<T> {
  const current = page === undefined || !Number.isFinite(page) || page < 1 ? 1 : Math.floor(page);
  const last = Math.max(1, Math.ceil(all.length / perPage));
  const items = all.slice((current - 1) * perPage, current * perPage);
  const pageUrl = (n: number): string => {
    const url = new URL(requestUrl.href);
    url.searchParams.set("per_page", String(perPage));
    url.searchParams.set("page", String(n));
    return url.href;
  };
  const links: string[] = [];
  if (current > 1) links.push(`<${pageUrl(Math.min(current - 1, last))}>; rel="prev"`);
  if (current < last) links.push(`<${pageUrl(current + 1)}>; rel="next"`, `<${pageUrl(last)}>; rel="last"`);
  if (current > 1) links.push(`<${pageUrl(1)}>; rel="first"`);
  return { items, link: links.length > 0 ? links.join(", ") : undefined };
}
