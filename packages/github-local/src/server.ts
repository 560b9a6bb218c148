import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { checkRequest } from "./contract/check-request";
import { checkResponses } from "./contract/check-responses";
import { RouteTable } from "./contract/route-table";
import { ContractValidators } from "./contract/validators";
import { loadContract } from "./description/load-contract";
import type { HttpMethod, JsonValue } from "./description/types";
import { HANDLERS, SERVED_OPERATIONS } from "./handlers/index";
import { Faults } from "./http/faults";
import { GENERAL_DOCUMENTATION_URL, GitHubError } from "./http/github-error";
import { GitHubHeaders } from "./http/github-headers";
import type { Urls } from "./payloads/urls";
import { Store, type UserRecord, userRecord } from "./state/store";
import type {
  ContractViolation,
  GitHubStandIn,
  GitHubStandInOptions,
  RecordedRequest,
  TokenAccess,
  TokenSpec,
  ViolationKind,
} from "./types";

const METHODS: readonly string[] = ["GET", "POST", "PATCH", "PUT", "DELETE"];
const WRITE_METHODS: readonly string[] = ["POST", "PATCH", "PUT", "DELETE"];
// Far above any comment tunegate writes; keeps a runaway client from exhausting memory.
const MAX_BODY_BYTES = 16 * 1024 * 1024;

interface Answer {
  status: number;
  body: JsonValue | undefined;
  headers: Record<string, string>;
}

interface Token {
  access: TokenAccess;
  user: UserRecord;
}

function tokenOf(header: string | undefined): string | null {
  const match = /^(?:token|bearer)\s+(\S+)\s*$/i.exec(header ?? "");
  return match?.[1] ?? null;
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new GitHubError(413, "Payload Too Large"));
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    request.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    request.on("error", reject);
  });
}

function parseRecordedBody(raw: string): unknown {
  if (raw === "") return undefined;
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}

/**
 * Starts the local GitHub REST API stand-in on 127.0.0.1. Every request is checked against GitHub's
 * OpenAPI description (route, authorization, parameters, body) before a handler answers it from the
 * in-memory state the test seeded.
 */
export async function startGitHubStandIn(options: GitHubStandInOptions): Promise<GitHubStandIn> {
  const started = performance.now();
  const contract = loadContract(SERVED_OPERATIONS);
  const routes = new RouteTable(contract.subset.routes);
  const validators = new ContractValidators(contract.subset);
  const store = new Store(options.clock ?? (() => new Date()));
  const faults = new Faults();
  const tokens = new Map<string, Token>();
  const recorded: RecordedRequest[] = [];
  const violations: ContractViolation[] = [];
  const githubHeaders = new GitHubHeaders();
  const maxCommentLength = options.maxCommentLength ?? 65_536;
  const webUrl = (options.webUrl ?? "https://github.com").replace(/\/$/, "");
  // `api` is known once the server listens; handlers only run after that.
  const urls: Urls = { api: "", web: webUrl };

  const addToken = (token: string, spec: TokenAccess | TokenSpec): void => {
    const { access, login } = typeof spec === "string" ? { access: spec, login: undefined } : spec;
    tokens.set(token, { access, user: userRecord(login ?? "github-actions[bot]") });
  };
  for (const [token, spec] of Object.entries(options.tokens)) addToken(token, spec);

  const answer = async (request: IncomingMessage, entry: RecordedRequest): Promise<Answer> => {
    const error = (status: number, message: string, documentationUrl: string): Answer => ({
      status,
      body: new GitHubError(status, message).body(documentationUrl),
      headers: {},
    });
    const violate = (kind: ViolationKind, message: string): void => {
      violations.push({ kind, method: entry.method, path: entry.path, operation: entry.operation, message });
    };

    const requestUrl = new URL(request.url ?? "/", urls.api);
    const rawBody = await readBody(request);
    entry.body = parseRecordedBody(rawBody);

    const method = entry.method as HttpMethod;
    const match = METHODS.includes(method) ? routes.match(requestUrl.pathname, method) : null;
    const documented = match?.methods.includes(method) === true;
    const op = documented ? contract.subset.operations[`${method} ${match.template}`] : undefined;
    if (documented) entry.operation = `${method} ${match.template}`;
    const docs = op?.documentationUrl ?? GENERAL_DOCUMENTATION_URL;
    if (!documented) {
      const hint = match ? ` (the path is documented for ${match.methods.join(", ")} only)` : "";
      violate(
        "undocumented-route",
        `${method} ${requestUrl.pathname} is not in GitHub's OpenAPI description${hint}`,
      );
    }

    if (entry.token === null) {
      violate("missing-authorization", "no `Authorization: token ...` or `Bearer ...` header");
      return error(401, "Requires authentication", docs);
    }
    const token = tokens.get(entry.token);
    if (!token) return error(401, "Bad credentials", GENERAL_DOCUMENTATION_URL);
    if (!documented || !match) return error(404, "Not Found", GENERAL_DOCUMENTATION_URL);
    if (!op) {
      violate("unserved-operation", `${entry.operation} is documented but the stand-in does not serve it`);
      return error(501, `The tunegate GitHub stand-in does not serve ${entry.operation}`, docs);
    }
    if (WRITE_METHODS.includes(method) && token.access === "read") {
      return error(403, "Resource not accessible by integration", docs);
    }

    const checked = checkRequest(op, validators, match.params, requestUrl.searchParams, rawBody);
    if (!checked.ok) {
      violate(checked.violation, checked.detail);
      return error(checked.status, checked.message, docs);
    }

    const fault = faults.take(method, requestUrl.pathname, match.template);
    if (fault) {
      entry.fault = true;
      return { status: fault.status, body: fault.body, headers: fault.headers };
    }

    const handler = HANDLERS[op.key];
    if (!handler) throw new Error(`no handler for ${op.key}`);
    try {
      const result = handler({
        params: checked.params,
        body: checked.body,
        user: token.user,
        store,
        urls,
        requestUrl,
        maxCommentLength,
      });
      return { status: result.status, body: result.body, headers: result.headers ?? {} };
    } catch (thrown) {
      if (thrown instanceof GitHubError)
        return { status: thrown.status, body: thrown.body(docs), headers: {} };
      throw thrown;
    }
  };

  const serve = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const url = new URL(request.url ?? "/", "http://127.0.0.1");
    const entry: RecordedRequest = {
      method: (request.method ?? "GET").toUpperCase(),
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      body: undefined,
      token: tokenOf(request.headers.authorization),
      status: 0,
      operation: null,
      responseBody: undefined,
      fault: false,
    };
    let result: Answer;
    try {
      result = await answer(request, entry);
    } catch (thrown) {
      const status = thrown instanceof GitHubError ? thrown.status : 500;
      const message = thrown instanceof Error ? thrown.message : String(thrown);
      if (!(thrown instanceof GitHubError)) {
        violations.push({
          kind: "stand-in-error",
          method: entry.method,
          path: entry.path,
          operation: entry.operation,
          message,
        });
      }
      result = {
        status,
        body: new GitHubError(status, message).body(GENERAL_DOCUMENTATION_URL),
        headers: {},
      };
    }
    entry.status = result.status;
    entry.responseBody = result.body;
    recorded.push(entry);
    const headers: Record<string, string> = { ...githubHeaders.next(entry.token), ...result.headers };
    const text = result.body === undefined ? "" : JSON.stringify(result.body);
    if (text !== "") headers["content-type"] = "application/json; charset=utf-8";
    headers["content-length"] = String(Buffer.byteLength(text));
    response.writeHead(result.status, headers);
    response.end(text);
  };

  const server = createServer((request, response) => {
    void serve(request, response);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  urls.api = url;

  return {
    url,
    startup: {
      contractSource: contract.source,
      contractLoadMs: contract.loadMs,
      totalMs: performance.now() - started,
    },
    addRepository: (input) => void store.addRepository(input),
    addPullRequest: (input) => void store.addPullRequest(input),
    updatePullRequest: (owner, repo, number, changes) =>
      void store.updatePullRequest(owner, repo, number, changes),
    mergePullRequest: (input) => void store.mergePullRequest(input),
    addComment: (input) => store.addComment(input).id,
    addComparison: (input) => void store.addComparison(input),
    addToken,
    requests: () => recorded.map((r) => ({ ...r })),
    comments: (owner, repo, issueNumber) =>
      store.commentsOf(owner, repo, issueNumber).map((c) => ({
        id: c.id,
        body: c.body,
        user: c.user.login,
        createdAt: c.createdAt,
        updatedAt: c.updatedAt,
        edits: c.history.length,
        previousBodies: [...c.history],
      })),
    violations: () => violations.map((v) => ({ ...v })),
    invalidResponses: () => checkResponses(recorded, validators, contract.subset),
    injectFault: (spec) => faults.inject(spec),
    clearFaults: () => faults.clear(),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        // Octokit's fetch keeps connections alive; without this, close() would wait for them to time out.
        server.closeAllConnections();
      }),
  };
}
