import type http from "node:http";
import type { GraphQLSchema } from "graphql";
import { GraphQLError } from "graphql";
import { useServer } from "graphql-ws/use/ws";
import { WebSocketServer } from "ws";
import type { Viewer } from "../auth/tokens";
import { viewerFromAuthorization } from "../auth/tokens";
import { createContext, type Context, type Services } from "../context";
import { formatError } from "../format-error";
import type { Logger } from "../logger";
import { subscribeWithFreshContext } from "./subscribe-with-fresh-context";

type ConnectionExtra = {
  viewer?: Viewer;
};

/**
 * graphql-ws on the HTTP server's `/graphql` path. A connection authenticates
 * once, in `onConnect`, from `connectionParams.authorization`; without a valid
 * token the socket is closed with 4403. Each operation gets a fresh context.
 */
export function attachWebSocketServer(options: {
  httpServer: http.Server;
  schema: GraphQLSchema;
  services: Services;
  logger: Logger;
  isProduction: boolean;
}): { close(): Promise<void> } {
  const { httpServer, schema, services, logger } = options;
  const wsServer = new WebSocketServer({ server: httpServer, path: "/graphql" });

  const disposable = useServer<Record<string, unknown>, ConnectionExtra>(
    {
      schema,
      isProd: options.isProduction,
      onConnect(ctx) {
        try {
          const viewer = viewerFromAuthorization(services.tokens, ctx.connectionParams?.authorization);
          if (!viewer) return false;
          ctx.extra.viewer = { id: viewer.id, accountType: viewer.accountType };
          return true;
        } catch (error) {
          if (error instanceof GraphQLError) return false;
          throw error;
        }
      },
      context: (ctx) => createContext(services, ctx.extra.viewer ?? null),
      subscribe: (args) =>
        subscribeWithFreshContext(args, () => createContext(services, (args.contextValue as Context).viewer)),
      // The websocket path bypasses Apollo, so errors are masked here the same way.
      onNext(_ctx, _id, _payload, _args, result) {
        if (!result.errors?.length) return;
        return { ...result, errors: result.errors.map((error) => formatError(error.toJSON(), error, logger)) };
      },
    },
    wsServer,
  );

  return {
    async close() {
      await disposable.dispose();
      await new Promise<void>((resolve) => wsServer.close(() => resolve()));
    },
  };
}
