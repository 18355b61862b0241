import type http from "node:http";
import type { ExecutionArgs, GraphQLFormattedError, GraphQLSchema } from "graphql";
import { GraphQLError } from "graphql";
import type { ServerOptions } from "graphql-ws";
import type { Extra } from "graphql-ws/use/ws";
import { WebSocketServer, type WebSocket } from "ws";
import type { SignedInViewer } from "../auth/tokens";
import type { Config } from "../config";
import { createContext, type Context, type Services } from "../context";
import type { ErrorCode } from "../errors";
import type { ExecuteOperation } from "../execution/operation-executor";
import { formatError } from "../format-error";
import { limitValidationRules } from "../limits/validation-rules";
import type { Logger } from "../logger";
import { requestIdFrom } from "../logging/request-id";
import { chargeWebSocketOperation } from "../rate-limits/websocket-rate-limit";
import type { TraceParent } from "../trace-parent";
import type { DocumentRequest, ResolveDocument } from "../trusted-documents/resolve-document";
import { withApolloErrorCode } from "./apollo-error-codes";
import { CloseCodes } from "./close-codes";
import { authenticateConnection, SignInCloseReasons } from "./connection-authentication";
import { createConnectionCaps } from "./connection-caps";
import { chooseSubprotocol, LEGACY_SUBPROTOCOL, refuseLegacyProtocol } from "./legacy-protocol-refusal";
import { openConnectionLog, type ConnectionLog } from "./operation-log";
import type { WebSocketOperationMetrics } from "./operation-metrics";
import { TracedEventTransport, WebSocketOperationTransport } from "./operation-transport";
import { createOperationPreparer, type OperationArgs } from "./prepare-operation";
import { serveGraphqlWs } from "./serve-graphql-ws";
import { createSubscribeRateLimit } from "./subscribe-rate";
import { subscribeWithFreshContext } from "./subscribe-with-fresh-context";
import type { WebSocketTracing } from "./websocket-tracing";

type ConnectionExtra = {
  request?: http.IncomingMessage;
  log?: ConnectionLog;
  viewer?: SignedInViewer;
  clientAddress?: string | null;
  expiryTimer?: NodeJS.Timeout;
  /** Closes this socket as a slow reader: made once per connection, handed to each operation's contexts. */
  dropConnection?: () => void;
};

/** setTimeout's ceiling (about 24.8 days); a later expiry is re-checked then. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * graphql-ws on the HTTP server's `/graphql` path, with every protection the
 * HTTP path has: a connection authenticates once, in `onConnect`, from
 * `connectionParams.authorization`: no token, a malformed value or a token
 * that does not verify is closed with 4401, which graphql-ws clients do not
 * retry; an expired token with 4403 `Token expired`, at connect and when it
 * expires later, which they retry with a fresh `connectionParams` (the refresh
 * path; src/ws/close-codes.ts). Each operation is parsed, validated and
 * costed with the HTTP limits; a socket holds a bounded number of operations
 * and frame size; a client that stops reading is dropped once its events pile
 * up (graphql-ws awaits each send, so they wait in the live layer's bounded
 * queue, which calls `dropConnection`); each subscription event gets a fresh context.
 * Open sockets are capped per address (at the upgrade) and per account (at
 * connection_init), and subscribe messages per connection per second.
 * A socket of the legacy subscriptions-transport-ws protocol is told, in that
 * protocol, to use graphql-ws, and closed 4406 (src/ws/legacy-protocol-refusal.ts).
 */
export function attachWebSocketServer(options: {
  httpServer: http.Server;
  schema: GraphQLSchema;
  services: Services;
  /** The services a traced operation's or event's context uses (src/context.ts); absent, `services` for all. */
  servicesIn?: (trace: TraceParent | null) => Services;
  logger: Logger;
  config: Config;
  /** The client's address of an upgrade request (src/http/client-address.ts, with TRUST_PROXY). */
  clientAddress: (request: http.IncomingMessage) => string | null;
  /** Trusted documents: the text a subscribe message runs, or why it runs nothing. */
  resolveDocument: ResolveDocument;
  /** Spans for each operation and subscription event (src/tracing/); absent, nothing is wrapped. */
  tracing?: WebSocketTracing;
  /** The metrics' hooks (src/ws/operation-metrics.ts); none: no hook runs and no stream is wrapped. */
  metrics?: WebSocketOperationMetrics;
  /** Runs each checked operation and subscription event: compiled for a trusted document (src/execution/). */
  execute: ExecuteOperation;
}): { close(): Promise<void> } {
  const { httpServer, schema, services, logger, config, resolveDocument, tracing, metrics } = options;
  const servicesIn = options.servicesIn ?? (() => services);
  const wsServer = new WebSocketServer({
    server: httpServer,
    path: "/graphql",
    maxPayload: config.websocket.maxPayloadBytes,
    handleProtocols: chooseSubprotocol,
  });
  // graphql-ws gets a server of its own in ws's noServer mode, which is handed each socket it is to
  // serve: it closes any socket not of its protocol at once (4406), before a legacy client could read why.
  const graphqlWsServer = new WebSocketServer({ noServer: true });
  const prepareOperation = createOperationPreparer(schema, {
    limits: config.limits,
    rules: limitValidationRules({ introspection: config.introspection }),
  });
  const caps = createConnectionCaps({
    perAddress: config.websocket.maxConnectionsPerAddress,
    perAccount: config.websocket.maxConnectionsPerAccount,
    clientAddress: options.clientAddress,
  });
  // A connection's id: the upgrade request's X-Request-Id when sane, else a fresh one, sent back in the 101.
  const connectionIds = new WeakMap<http.IncomingMessage, string>();
  wsServer.on("headers", (headers, request) => {
    const connectionId = requestIdFrom(request.headers["x-request-id"]);
    connectionIds.set(request, connectionId);
    headers.push(`X-Request-Id: ${connectionId}`);
  });
  const connectionLogOf = (extra: ConnectionExtra): ConnectionLog =>
    (extra.log ??= openConnectionLog(
      logger,
      (extra.request && connectionIds.get(extra.request)) ?? requestIdFrom(undefined),
    ));
  wsServer.on("connection", (socket, request) => {
    metrics?.connectionOpened(socket);
    // ws closes a socket itself after an error on it (a frame over the limit: 1009), then emits the
    // error, which it throws when nothing listens: graphql-ws listens on its sockets, not on the others.
    socket.on("error", () => undefined);
    // A refused socket is closed before anything reads from it.
    if (!caps.admitAddress(socket, request)) return;
    if (socket.protocol === LEGACY_SUBPROTOCOL) refuseLegacyProtocol(socket);
    else graphqlWsServer.emit("connection", socket, request);
  });
  // ws passes on the HTTP server's errors; without a listener one would be thrown from its emit.
  wsServer.on("error", (error) => logger.error({ err: error }, "websocket server error"));
  const subscribeRate = createSubscribeRateLimit({
    perSecond: config.websocket.subscribesPerSecond,
    burst: config.websocket.subscribeBurst,
  });

  // graphql-ws passes on what onSubscribe returned (the prepared OperationArgs), with the context added.
  const execute = (args: ExecutionArgs) =>
    options.execute({
      document: args.document,
      documentKey: (args as ExecutionArgs & OperationArgs).documentKey,
      operationName: args.operationName,
      variableValues: args.variableValues,
      contextValue: args.contextValue,
      rootValue: args.rootValue,
      transport: "websocket",
    });

  const format = (formatted: GraphQLFormattedError, error: unknown, operationLogger: Logger) =>
    formatError(formatted, error, operationLogger, { showSuggestions: config.introspection });

  // With tracing on, it wraps graphql-ws's hooks; otherwise the options go to graphql-ws as they are.
  const traced = <Options extends ServerOptions<Record<string, unknown>, Extra & Partial<ConnectionExtra>>>(
    serverOptions: Options,
  ): Options => (tracing ? { ...serverOptions, ...tracing.traceOperations(serverOptions) } : serverOptions);

  const disposable = serveGraphqlWs<Record<string, unknown>, ConnectionExtra>(
    traced({
      schema,
      isProd: config.nodeEnv === "production",
      requestIdOf: (request) => connectionIds.get(request),
      connectionInitWaitTimeout: config.websocket.connectionInitTimeoutMs,

      onConnect(ctx) {
        const log = connectionLogOf(ctx.extra);
        const signIn = authenticateConnection(services.tokens, ctx.connectionParams?.authorization);
        // graphql-ws closes with 4403 `Forbidden` when this returns false; closed first, the socket
        // keeps this code and reason (ws ignores a second close of a closing socket).
        if ("refusal" in signIn) {
          ctx.extra.socket.close(signIn.refusal.code, signIn.refusal.reason);
          return false;
        }
        const { viewer } = signIn;
        if (!caps.admitAccount(ctx.extra.socket, viewer.id)) return false;
        ctx.extra.viewer = { id: viewer.id, accountType: viewer.accountType, signedInAt: viewer.signedInAt };
        ctx.extra.clientAddress = options.clientAddress(ctx.extra.request);
        // Only the address is needed: holding the upgrade request (headers and all) for the
        // connection's whole life would cost every subscriber a few kilobytes.
        (ctx.extra as { request?: unknown }).request = undefined;
        closeWhenExpired(ctx.extra.socket, viewer.expiresAt, ctx.extra);
        log.connected(viewer.id);
        return true;
      },

      onClose(ctx, code) {
        clearTimeout(ctx.extra.expiryTimer);
        connectionLogOf(ctx.extra).closed(code ?? 1005);
      },

      async onSubscribe(ctx, id, payload) {
        const log = connectionLogOf(ctx.extra);
        log.begin(id, payload.operationName);
        metrics?.received(ctx.extra, id);
        const refuse = (errors: GraphQLError[], args?: Omit<ExecutionArgs, "contextValue">) => {
          metrics?.refused(ctx.extra, id, errors, args);
          return errors;
        };
        // graphql-ws has already entered this operation's id: count only the others.
        const running = Object.keys(ctx.subscriptions).length - 1;
        if (running >= config.websocket.maxSubscriptionsPerSocket) {
          return refuse([
            new GraphQLError(
              `This connection already runs ${running} operations; the limit is ${config.websocket.maxSubscriptionsPerSocket}`,
              { extensions: { code: "OPERATION_LIMIT_EXCEEDED" satisfies ErrorCode } },
            ),
          ]);
        }
        const tooFast = await subscribeRate(ctx.extra);
        if (tooFast) return refuse([...tooFast]);
        // graphql-ws requires `query` to be a string: a client sending a hash sends "" with it.
        const resolved = resolveDocument(payload as DocumentRequest);
        if (resolved instanceof GraphQLError) return refuse([resolved]);
        const prepared = prepareOperation({ ...payload, query: resolved.query ?? payload.query });
        if (Array.isArray(prepared)) return refuse(prepared);
        log.identify(id, prepared.args.document, prepared.args.operationName);
        const charged = await chargeWebSocketOperation(services, prepared.args, prepared.estimatedCost, {
          viewerId: ctx.extra.viewer?.id ?? null,
          clientAddress: ctx.extra.clientAddress ?? null,
        });
        return Array.isArray(charged) ? refuse(charged, prepared.args) : charged;
      },

      ...(metrics && {
        onOperation(ctx, id, _payload, args, result) {
          metrics.ran(ctx.extra, id, args, result);
        },
      }),

      context: (ctx, id) => {
        const { extra } = ctx;
        extra.dropConnection ??= () => dropSlowClient(extra.socket);
        const operation = connectionLogOf(extra).executing(id);
        const trace = tracing?.operationTraceOf(ctx, id) ?? null;
        const transport = new WebSocketOperationTransport(
          operation,
          extra.clientAddress ?? null,
          extra.dropConnection,
          trace,
        );
        return createContext(servicesIn(trace), extra.viewer ?? null, transport);
      },
      execute,
      subscribe: async (args) => {
        // Each event's context tells of the same operation: the first context is its transport.
        const first = args.contextValue as Context;
        const result = await subscribeWithFreshContext(
          args,
          (trace) =>
            trace
              ? createContext(servicesIn(trace), first.viewer, new TracedEventTransport(first, trace))
              : createContext(services, first.viewer, first),
          execute,
          tracing && ((root, execute) => tracing.traceEvent(args.contextValue, root, execute)),
        );
        return metrics && Symbol.asyncIterator in result ? metrics.activeWhileRunning(args, result) : result;
      },

      onNext(ctx, id, _payload, _args, result) {
        // A client that stops reading makes the socket buffer grow: drop it instead.
        // The websocket path bypasses Apollo, so errors are masked here the same way.
        const log = connectionLogOf(ctx.extra);
        if (!result.errors?.length) {
          log.sent(id, undefined);
          return;
        }
        const operationLogger = log.entryOf(id).logger;
        const executed = "data" in result;
        const errors = result.errors.map((error) =>
          format(withApolloErrorCode(error.toJSON(), executed), error, operationLogger),
        );
        log.sent(id, errors);
        if (isOpen(ctx.extra.socket)) metrics?.errorsSent(errors);
        return { ...result, errors };
      },

      // The errors that end an operation before it runs (parse, validation, limits) are formatted alike.
      onError(ctx, id, _payload, errors) {
        const log = connectionLogOf(ctx.extra);
        const operationLogger = log.entryOf(id).logger;
        const formatted = errors.map((error) => format(error.toJSON(), error, operationLogger));
        log.failed(id, formatted);
        // A closed socket's last errors (a send that failed as it closed) reach no client: not counted.
        if (isOpen(ctx.extra.socket)) metrics?.errorsSent(formatted);
        return formatted;
      },

      onComplete(ctx, id) {
        connectionLogOf(ctx.extra).completed(id, ctx.extra.socket.readyState !== ctx.extra.socket.OPEN);
      },
    }),
    graphqlWsServer,
    logger,
  );

  return {
    async close() {
      // graphql-ws clients reconnect after 1012, to this instance's successor or another. The sockets
      // are this server's (the one that upgraded them), not graphql-ws's, which disposes of nothing open.
      for (const socket of wsServer.clients) socket.close(CloseCodes.ServiceRestart, "Server restarting");
      await disposable.dispose();
      await new Promise<void>((resolve) => wsServer.close(() => resolve()));
    },
  };
}

function isOpen(socket: WebSocket): boolean {
  return socket.readyState === socket.OPEN;
}

/** Time for a close frame to get through before a client that does not read is cut off. */
const SLOW_CLIENT_CLOSE_WAIT_MS = 1_000;

function dropSlowClient(socket: WebSocket): void {
  if (socket.readyState !== socket.OPEN) return;
  socket.close(CloseCodes.TryAgainLater, "Too many unread messages");
  // A client that doesn't read won't read the close frame either: don't wait the usual 30 s.
  setTimeout(() => socket.terminate(), SLOW_CLIENT_CLOSE_WAIT_MS).unref();
}

function closeWhenExpired(socket: WebSocket, expiresAt: Date, extra: ConnectionExtra): void {
  const remaining = expiresAt.getTime() - Date.now();
  extra.expiryTimer = setTimeout(
    () => {
      if (Date.now() >= expiresAt.getTime()) socket.close(CloseCodes.TokenExpired, SignInCloseReasons.expired);
      else closeWhenExpired(socket, expiresAt, extra);
    },
    Math.min(Math.max(remaining, 0), MAX_TIMER_MS),
  );
  extra.expiryTimer.unref();
}
