/**
 * A small HTTP reverse proxy on 127.0.0.1 for tests: it forwards every request to a target server
 * (s3rver) and records what passed through, and it can answer chosen requests itself with a canned
 * response, the way a real S3 answers with 503 SlowDown. Faults are injected at the network edge, so the
 * code under test runs unmodified, SDK retries included.
 */
import { once } from "node:events";
import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  request,
  type ServerResponse,
} from "node:http";
import type { AddressInfo } from "node:net";

export interface SeenRequest {
  method: string;
  /** Path without the query string. */
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  /** Body bytes received from the client. */
  bodyBytes: number;
  /** Status returned to the client (injected or upstream). */
  status: number;
  /** True when the proxy answered itself instead of forwarding. */
  injected: boolean;
}

export type RequestMatcher = (request: Pick<SeenRequest, "method" | "path" | "query" | "headers">) => boolean;

export interface Fault {
  match: RequestMatcher;
  /** How many matching requests to answer; later ones are forwarded again. Default 1. */
  times?: number;
  status: number;
  body?: string;
  headers?: Record<string, string>;
}

export interface FaultProxy {
  url: string;
  /** Every request seen, in arrival order of completion. */
  readonly requests: SeenRequest[];
  /** Request body bytes forwarded to the target (injected answers forward nothing). */
  readonly bytesForwarded: number;
  inject(fault: Fault): void;
  /** Forgets recorded requests and byte counts (pending faults stay). */
  clearLog(): void;
  /** Forgets recorded requests, byte counts and pending faults: a clean slate between tests. */
  reset(): void;
  close(): Promise<void>;
}

/** S3's throttling answer, as documented for 503 SlowDown. */
export const SLOW_DOWN: Omit<Fault, "match"> = {
  status: 503,
  headers: { "content-type": "application/xml" },
  body: "<Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message></Error>",
};

export function s3ErrorBody(code: string, message: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message><RequestId>FAULTPROXY</RequestId></Error>`;
}

export async function startFaultProxy(target: string): Promise<FaultProxy> {
  const upstream = new URL(target);
  const faults: Array<Fault & { remaining: number }> = [];
  const requests: SeenRequest[] = [];
  let bytesForwarded = 0;

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? "/", "http://proxy.invalid");
    const seen = {
      method: req.method ?? "GET",
      path: url.pathname,
      query: url.searchParams,
      headers: req.headers,
    };
    const fault = faults.find((f) => f.remaining > 0 && f.match(seen));
    let bodyBytes = 0;
    req.on("data", (chunk: Buffer) => {
      bodyBytes += chunk.length;
    });

    if (fault) {
      fault.remaining -= 1;
      // Read the whole body first, as S3 does before it answers, so the client never sees a reset socket.
      req.resume();
      req.on("end", () => {
        requests.push({ ...seen, bodyBytes, status: fault.status, injected: true });
        res.writeHead(fault.status, fault.headers ?? {});
        res.end(seen.method === "HEAD" ? undefined : (fault.body ?? ""));
      });
      return;
    }

    const headers = { ...req.headers };
    // Node's server already answered "100 Continue" to the client; do not make the target do it again.
    delete headers.expect;
    const forward = request(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: seen.method,
        path: req.url,
        headers,
      },
      (upstreamRes) => {
        res.writeHead(upstreamRes.statusCode ?? 502, upstreamRes.headers);
        upstreamRes.pipe(res);
        upstreamRes.on("end", () => {
          requests.push({ ...seen, bodyBytes, status: upstreamRes.statusCode ?? 502, injected: false });
        });
      },
    );
    forward.on("error", () => res.destroy());
    req.on("data", (chunk: Buffer) => {
      bytesForwarded += chunk.length;
    });
    req.pipe(forward);
  });

  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;

  const proxy: FaultProxy = {
    url: `http://127.0.0.1:${port}`,
    requests,
    get bytesForwarded() {
      return bytesForwarded;
    },
    inject(fault) {
      faults.push({ ...fault, remaining: fault.times ?? 1 });
    },
    clearLog() {
      requests.length = 0;
      bytesForwarded = 0;
    },
    reset() {
      proxy.clearLog();
      faults.length = 0;
    },
    close() {
      server.closeAllConnections();
      return new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
  return proxy;
}

/** Matchers for the S3 operations the tests care about (path-style addressing). */
export const s3 = {
  headObject:
    (key?: string): RequestMatcher =>
    (r) =>
      r.method === "HEAD" && keyIs(r.path, key),
  putObject:
    (key?: string): RequestMatcher =>
    (r) =>
      r.method === "PUT" && !r.query.has("uploadId") && keyIs(r.path, key),
  createMultipartUpload: (): RequestMatcher => (r) => r.method === "POST" && r.query.has("uploads"),
  uploadPart:
    (partNumber?: number): RequestMatcher =>
    (r) =>
      r.method === "PUT" &&
      r.query.has("uploadId") &&
      (partNumber === undefined || r.query.get("partNumber") === String(partNumber)),
  completeMultipartUpload: (): RequestMatcher => (r) => r.method === "POST" && r.query.has("uploadId"),
  abortMultipartUpload: (): RequestMatcher => (r) => r.method === "DELETE" && r.query.has("uploadId"),
};

function keyIs(path: string, key: string | undefined): boolean {
  if (key === undefined) return true;
  // Path style: /<bucket>/<key>
  return decodeURIComponent(path.split("/").slice(2).join("/")) === key;
}
