// A small restJson1 HTTP server driven by a Smithy model: routes requests by the operations' HTTP
// bindings, decodes and validates inputs against the model, and serializes outputs and errors so the
// AWS SDK clients (pointed at it with `endpoint`) read them as they read the real service.
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import {
  createServer as createHttp2Server,
  type Http2ServerRequest,
  type Http2ServerResponse,
} from "node:http2";
import { type AddressInfo, createServer as createTcpServer, type Socket } from "node:net";
import type { FaultInjector, RecordedRequest } from "../control/faults.js";
import { InputDecoder, type UnknownMemberPolicy } from "./decode.js";
import { type EncodedResponse, OutputEncoder } from "./encode.js";
import { ServiceError, validationError } from "./errors.js";
import { type OperationInfo, ShapeIndex, type SmithyModel } from "./model.js";
import { Router } from "./routes.js";
import { ConstraintValidator } from "./validate.js";

/** Handles one operation's validated input; throws ServiceError to answer with a modelled error. */
export type OperationHandler = (
  input: Readonly<Record<string, unknown>>,
) => Readonly<Record<string, unknown>> | Promise<Readonly<Record<string, unknown>>>;

/**
 * Gives a handler its input type. The server only calls handlers with inputs that passed decoding and
 * validation against the operation's input shape, which is what the declared type describes.
 */
export function typedHandler<T>(
  handler: (input: T) => Readonly<Record<string, unknown>> | Promise<Readonly<Record<string, unknown>>>,
): OperationHandler {
  return (input) => handler(input as T);
}

export interface RestJsonServiceOptions {
  readonly model: SmithyModel;
  readonly handlers: Readonly<Record<string, OperationHandler>>;
  readonly faults: FaultInjector;
  /** Every request is appended here. */
  readonly log: RecordedRequest[];
  /** Called after each append to `log`, for waits on the stand-in's events. */
  readonly onRecord?: () => void;
  readonly unknownMembers?: UnknownMemberPolicy;
  /** Port to listen on (127.0.0.1); 0, the default, picks a free one. */
  readonly port?: number;
}

export interface RunningService {
  readonly url: string;
  close(): Promise<void>;
}

function readBody(request: IncomingMessage | Http2ServerRequest): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => resolve(Buffer.concat(chunks)));
    request.on("error", reject);
  });
}

// The start of the HTTP/2 connection preface ("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n").
const HTTP2_PREFACE = "PRI * HTTP/2.0";

export async function startRestJsonService(options: RestJsonServiceOptions): Promise<RunningService> {
  const index = new ShapeIndex(options.model);
  const operations: OperationInfo[] = Object.keys(options.handlers).map((name) => index.operation(name));
  const router = new Router(operations);
  const decoder = new InputDecoder(index, { unknownMembers: options.unknownMembers ?? "reject" });
  const validator = new ConstraintValidator(index);
  const encoder = new OutputEncoder(index);

  async function handle(
    request: IncomingMessage | Http2ServerRequest,
  ): Promise<{ response: EncodedResponse; record: RecordedRequest }> {
    const receivedAt = new Date();
    const method = request.method ?? "GET";
    const url = new URL(request.url ?? "/", "http://127.0.0.1");
    const body = await readBody(request);
    const route = router.match(method, url.pathname, url.searchParams);
    const base = { method, path: url.pathname + url.search, receivedAt };
    if (!route) {
      const error = new ServiceError(
        "UnknownOperationException",
        `No operation matches ${method} ${url.pathname}`,
        {
          status: 404,
        },
      );
      const response = encoder.encodeError(error);
      return {
        response,
        record: {
          ...base,
          operation: "Unknown",
          input: undefined,
          status: response.status,
          errorType: error.errorType,
        },
      };
    }

    const operation = route.operation;
    let input: Readonly<Record<string, unknown>> | undefined;
    try {
      let decodeFailure: unknown;
      try {
        input = decoder.decode(operation, {
          labels: route.labels,
          query: url.searchParams,
          headers: request.headers,
          body,
        });
      } catch (error) {
        decodeFailure = error;
      }
      // Injected faults come first: throttling and access checks happen before AWS looks at the input.
      const fault = options.faults.take(operation.name);
      if (fault) throw fault;
      if (decodeFailure !== undefined || input === undefined) throw decodeFailure;
      const violations = validator.validateStructure(operation.inputId, input);
      if (violations.length > 0) throw validationError(violations);
      const output = await options.handlers[operation.name]?.(input);
      const response = encoder.encodeOutput(operation, output ?? {});
      return {
        response,
        record: { ...base, operation: operation.name, input, status: response.status, errorType: undefined },
      };
    } catch (error) {
      const failure =
        error instanceof ServiceError
          ? error
          : new ServiceError(
              "InternalServerException",
              error instanceof Error ? error.message : String(error),
            );
      const response = encoder.encodeError(failure);
      return {
        response,
        record: {
          ...base,
          operation: operation.name,
          input,
          status: response.status,
          errorType: failure.errorType,
        },
      };
    }
  }

  function respond(
    request: IncomingMessage | Http2ServerRequest,
    response: ServerResponse | Http2ServerResponse,
  ): void {
    handle(request).then(
      ({ response: encoded, record }) => {
        options.log.push(record);
        options.onRecord?.();
        response.writeHead(encoded.status, { ...encoded.headers, "x-amzn-requestid": randomUUID() });
        response.end(encoded.body);
      },
      (error: unknown) => {
        response.writeHead(500, { "content-type": "text/plain" });
        response.end(String(error));
      },
    );
  }

  // One port, both protocols: @aws-sdk/client-bedrock-runtime speaks HTTP/2 (cleartext, prior
  // knowledge) by default, the other clients and fetch speak HTTP/1.1. The first bytes tell them apart.
  const http1 = createServer(respond);
  const http2 = createHttp2Server(respond);
  const sockets = new Set<Socket>();
  const server = createTcpServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.once("data", (chunk: Buffer) => {
      socket.pause();
      socket.unshift(chunk);
      const isHttp2 = chunk.subarray(0, HTTP2_PREFACE.length).toString("latin1") === HTTP2_PREFACE;
      (isHttp2 ? http2 : http1).emit("connection", socket);
      process.nextTick(() => socket.resume());
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        // The SDKs keep connections alive; drop them so that close() does not hang.
        for (const socket of sockets) socket.destroy();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
