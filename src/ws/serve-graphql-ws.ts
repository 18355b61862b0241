import type http from "node:http";
import { CloseCode, handleProtocols, makeServer, type ServerOptions } from "graphql-ws";
import type { Extra } from "graphql-ws/use/ws";
import type { WebSocket, WebSocketServer } from "ws";
import type { Logger } from "../logger";

/** graphql-ws's own keep-alive: a ping every 12 s, and a socket that has not answered by the next is cut. */
const KEEP_ALIVE_MS = 12_000;

/**
 * graphql-ws on a `ws` server: what `useServer` of `graphql-ws/use/ws` does,
 * with this app's logger where it writes to the console. A client can make a
 * socket emit an error at will (a frame over the size limit, bad UTF-8, a
 * malformed frame), and `useServer` answers each with a stack trace on stderr,
 * outside the JSON log; here it is one line at `info` (the client's doing, ws
 * has already closed the socket with its code). An error while handling a
 * message is the server's: `error`, and the socket closed 4500.
 */
export function serveGraphqlWs<P extends Record<string, unknown> | undefined, E extends Record<PropertyKey, unknown>>(
  options: ServerOptions<P, Extra & Partial<E>> & {
    isProd: boolean;
    /** The connection's id (what its operations' log lines carry as `requestId`), by its upgrade request. */
    requestIdOf?: (request: http.IncomingMessage) => string | undefined;
  },
  wsServer: WebSocketServer,
  logger: Logger,
): { dispose(): Promise<void> } {
  const server = makeServer(options);
  wsServer.options.handleProtocols = handleProtocols;
  const closeReason = (error: unknown) =>
    options.isProd ? "Internal server error" : shortReason(error instanceof Error ? error.message : String(error));

  wsServer.once("error", (error) => {
    logger.error({ err: error }, "graphql-ws server error");
    for (const client of wsServer.clients) client.close(CloseCode.InternalServerError, closeReason(error));
  });

  wsServer.on("connection", (socket: WebSocket, request: http.IncomingMessage) => {
    // `on`, not `once`: ws emits a socket's error once, and its close once (no wrapper per socket).
    socket.on("error", (error: Error & { code?: string }) => {
      logger.info(
        {
          requestId: options.requestIdOf?.(request),
          err: { type: error.name, code: error.code, message: error.message },
        },
        "websocket protocol error",
      );
      socket.close(CloseCode.InternalServerError, closeReason(error));
    });
    let pongWait: NodeJS.Timeout | null = null;
    const pingInterval = setInterval(() => {
      if (socket.readyState !== socket.OPEN) return;
      pongWait = setTimeout(() => socket.terminate(), KEEP_ALIVE_MS);
      socket.once("pong", () => {
        if (pongWait) clearTimeout(pongWait);
        pongWait = null;
      });
      socket.ping();
    }, KEEP_ALIVE_MS);

    const closed = server.opened(
      {
        protocol: socket.protocol,
        send: (data) =>
          new Promise<void>((resolve, reject) => {
            if (socket.readyState !== socket.OPEN) return resolve();
            socket.send(data, (error) => (error ? reject(error) : resolve()));
          }),
        close: (code, reason) => socket.close(code, reason),
        onMessage: (handle) =>
          socket.on("message", async (data) => {
            try {
              await handle(String(data));
            } catch (error) {
              logger.error({ err: error }, "graphql-ws could not handle a message");
              socket.close(CloseCode.InternalServerError, closeReason(error));
            }
          }),
      },
      { socket, request } as Extra & Partial<E>,
    );

    socket.on("close", (code, reason) => {
      if (pongWait) clearTimeout(pongWait);
      clearInterval(pingInterval);
      void closed(code, String(reason));
    });
  });

  return {
    async dispose() {
      for (const client of wsServer.clients) client.close(1001, "Going away");
      wsServer.removeAllListeners();
      await new Promise<void>((resolve, reject) => wsServer.close((error) => (error ? reject(error) : resolve())));
    },
  };
}

/** A close reason fits in 123 bytes of UTF-8. */
function shortReason(reason: string): string {
  return Buffer.byteLength(reason) > 123 ? "Internal server error" : reason;
}
