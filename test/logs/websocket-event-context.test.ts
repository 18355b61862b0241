import http from "node:http";
import type { AddressInfo } from "node:net";
import { GraphQLInt, GraphQLObjectType, GraphQLSchema, GraphQLString } from "graphql";
import { AccountType } from "../../entities";
import { createTokenService } from "../../src/auth/tokens";
import type { Context, Services } from "../../src/context";
import { createMemoryLogger } from "../../src/logger";
import { createOperationRateLimits } from "../../src/rate-limits/operation-rate-limits";
import { openLimiterStore } from "../../src/rate-limits/limiter-store";
import { createOperationExecutor } from "../../src/execution/operation-executor";
import { createTrustedDocuments } from "../../src/trusted-documents/trusted-documents";
import { attachWebSocketServer } from "../../src/ws/websocket-server";
import { liveClient, subscribe } from "../support/live-client";
import { lineMatching } from "../support/log-lines";
import { TEST_JWT_SECRET, testConfig } from "../support/test-app";

/*
 * The websocket transport alone, with a schema of its own whose subscription counts three
 * events and whose resolvers report the context they were given: the operation's request id
 * reaches its context and every event's fresh one, and a line logged through `ctx.logger`
 * carries it. (The gateway's own resolvers log nothing yet: this is the contract they rely on.)
 */

const seen: Array<{ requestId: string; context: Context }> = [];

const schema = new GraphQLSchema({
  query: new GraphQLObjectType({
    name: "Query",
    fields: {
      requestId: { type: GraphQLString, resolve: (_root, _args, context: Context) => context.requestId },
    },
  }),
  subscription: new GraphQLObjectType({
    name: "Subscription",
    fields: {
      ticks: {
        type: GraphQLInt,
        subscribe: async function* () {
          for (const tick of [1, 2, 3]) yield tick;
        },
        resolve: (tick: number, _args, context: Context) => {
          seen.push({ requestId: context.requestId, context });
          context.logger.info({ tick }, "tick resolved");
          return tick;
        },
      },
    },
  }),
});

const config = testConfig({ kind: "sqlite", path: ":memory:" }, { REDIS_URL: "" });
const logger = createMemoryLogger();
const tokens = createTokenService(config.jwt);
let server: http.Server;
let close: () => Promise<void>;
let url: string;

beforeAll(async () => {
  const store = await openLimiterStore(null, logger);
  // This schema needs only what the transport itself uses: tokens and the rate limits.
  const services = {
    tokens,
    operationRateLimits: createOperationRateLimits(store, config.rateLimits, config.limits.maxCost),
  } as unknown as Services;
  server = http.createServer();
  const webSockets = attachWebSocketServer({
    httpServer: server,
    schema,
    services,
    logger,
    config,
    clientAddress: () => "127.0.0.1",
    resolveDocument: createTrustedDocuments(config).resolveDocument,
    execute: createOperationExecutor({ schema, compiled: null, isTrusted: () => false }),
  });
  close = () => webSockets.close();
  await new Promise<void>((resolve) => server.listen(0, resolve));
  url = `http://localhost:${(server.address() as AddressInfo).port}/graphql`;
});

afterAll(async () => {
  await close?.();
  await new Promise((resolve) => server?.close(resolve));
});

it("gives every event of a subscription a fresh context that carries the operation's request id and logger", async () => {
  const token = tokens.issue({ id: 41, accountType: AccountType.TALENT }).token;
  const client = liveClient(url, token);
  const ticks = subscribe<{ ticks: number }>(client, "subscription Ticks { ticks }");
  expect([(await ticks.next()).data, (await ticks.next()).data, (await ticks.next()).data]).toEqual([
    { ticks: 1 },
    { ticks: 2 },
    { ticks: 3 },
  ]);
  expect(await ticks.ended).toBe("complete");
  const query = subscribe<{ requestId: string }>(client, "{ requestId }");
  const queryRequestId = (await query.next()).data!.requestId;
  await client.dispose();

  const requestId = seen[0]!.requestId;
  expect(requestId).toMatch(/^[0-9a-f-]{36}:[0-9a-f-]{36}$/);
  expect(seen.map((event) => event.requestId)).toEqual([requestId, requestId, requestId]);
  // Fresh per event (its own loaders and clock), the same id.
  expect(new Set(seen.map((event) => event.context)).size).toBe(3);
  const connectionId = requestId.split(":")[0]!;
  expect(queryRequestId.split(":")[0]).toBe(connectionId);
  expect(queryRequestId).not.toBe(requestId);

  expect(
    logger.lines.filter((line) => line.msg === "tick resolved").map((line) => [line.requestId, line.tick]),
  ).toEqual([
    [requestId, 1],
    [requestId, 2],
    [requestId, 3],
  ]);
  expect(
    await lineMatching(logger, (line) => line.msg === "graphql operation" && line.requestId === requestId),
  ).toMatchObject({
    connectionId,
    operationName: "Ticks",
    operationType: "subscription",
    viewerId: 41,
    outcome: "ok",
    events: 3,
  });
});
