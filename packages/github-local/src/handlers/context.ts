import type { JsonValue } from "../description/types";
import { notFound } from "../http/github-error";
import type { Urls } from "../payloads/urls";
import type { RepoRecord, Store, UserRecord } from "../state/store";

export interface HandlerContext {
  /** Path and query parameters, coerced to their documented types, documented defaults filled in. */
  params: Record<string, unknown>;
  /** The parsed JSON body, already valid against the operation's request schema. */
  body: unknown;
  /** The account behind the request's token. */
  user: UserRecord;
  store: Store;
  urls: Urls;
  /** The request as a URL on the stand-in, for `Link` and `Location` headers. */
  requestUrl: URL;
  maxCommentLength: number;
}

export interface HandlerResult {
  status: number;
  body?: JsonValue;
  headers?: Record<string, string>;
}

export type Handler = (context: HandlerContext) => HandlerResult;

export function stringParam(context: HandlerContext, name: string): string {
  const value = context.params[name];
  if (typeof value !== "string") throw new Error(`parameter ${name} is not a string after validation`);
  return value;
}

export function optionalString(context: HandlerContext, name: string): string | undefined {
  const value = context.params[name];
  return typeof value === "string" ? value : undefined;
}

export function numberParam(context: HandlerContext, name: string): number | undefined {
  const value = context.params[name];
  return typeof value === "number" ? value : undefined;
}

export function requiredNumber(context: HandlerContext, name: string): number {
  const value = numberParam(context, name);
  if (value === undefined) throw new Error(`parameter ${name} is not a number after validation`);
  return value;
}

/** The repository named by `{owner}/{repo}`, or GitHub's 404. */
export function repositoryOf(context: HandlerContext): RepoRecord {
  const repo = context.store.repository(stringParam(context, "owner"), stringParam(context, "repo"));
  if (!repo) throw notFound();
  return repo;
}

export function withLink(result: HandlerResult, link: string | undefined): HandlerResult {
  return link === undefined ? result : { ...result, headers: { ...result.headers, link } };
}
