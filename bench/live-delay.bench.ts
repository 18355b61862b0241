/*
 * `npm run bench:live-delay`: how long after a mutation's HTTP response the
 * subscriber's graphql-ws event arrives, median and p99 over 100 messages, for
 * (a) one gateway with the in-process bus, (b) one gateway through Redis, and
 * (c) two gateways through Redis (mutation on one, subscriber on the other);
 * then (d) the same for a talent's reply to a subscribed casting director
 * (replyReceived), over 200 replies, on one gateway and across two.
 * Every event goes through the transactional outbox (src/outbox/): the
 * mutation writes it with its rows, and the relay its commit nudges publishes
 * it, so these delays include the relay's pass. The relays run at the default
 * OUTBOX_POLL_INTERVAL_MS, which only matters for events nobody nudged.
 *
 * Needs MariaDB and Redis: BENCH_DATABASE_URL (a server URL whose user may
 * create databases, default mysql://root@127.0.0.1:3306/bench) and
 * BENCH_REDIS_URL (default redis://127.0.0.1:6379). Creates and drops its own
 * scratch database.
 */
import "reflect-metadata";
import { performance } from "node:perf_hooks";
import { createClient } from "graphql-ws";
import WebSocket from "ws";
import { createApp, type App } from "../src/app";
import { loadConfig, type Config } from "../src/config";
import { createMysqlDatabase, dropMysqlDatabase, withDatabaseName } from "../src/db/mysql-admin";
import { createMemoryLogger } from "../src/logger";

const SERVER_URL = process.env.BENCH_DATABASE_URL ?? "mysql://root@127.0.0.1:3306/bench";
const REDIS_URL = process.env.BENCH_REDIS_URL ?? "redis://127.0.0.1:6379";
const EVENTS = 100;
const REPLIES = 200;

async function graphql<T>(app: App, query: string, variables: object, token?: string): Promise<T> {
  const response = await fetch(app.url, {
    method: "POST",
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: unknown };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data!;
}

async function signUp(app: App, accountType: string, name: string): Promise<{ token: string; id: string }> {
  const data = await graphql<{ signUp: { token: string; user: { id: string } } }>(
    app,
    `
      mutation ($input: SignUpInput!) {
        signUp(input: $input) {
          token
          user {
            id
          }
        }
      }
    `,
    { input: { email: `${name}-${Date.now()}@bench.test`, password: "bench-password", name, accountType } },
  );
  return { token: data.signUp.token, id: data.signUp.user.id };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

const SEND_MESSAGE = `
  mutation ($input: SendMessageInput!) {
    sendMessage(input: $input) {
      id
    }
  }
`;

/** Sends EVENTS messages through `sender` and times their arrival at a talent subscribed on `receiver`. */
async function measure(label: string, sender: App, receiver: App): Promise<void> {
  const director = await signUp(sender, "CASTING_DIRECTOR", "director");
  const talent = await signUp(sender, "TALENT", "talent");
  await timeDeliveries(label, receiver, {
    subscriberToken: talent.token,
    field: "messageReceived",
    count: EVENTS,
    send: (i) =>
      graphql(sender, SEND_MESSAGE, { input: { toUserId: talent.id, body: `Message ${i}` } }, director.token),
  });
}

/** Sends REPLIES talent replies through `sender` and times their arrival at the director subscribed on `receiver`. */
async function measureReplies(label: string, sender: App, receiver: App): Promise<void> {
  const director = await signUp(sender, "CASTING_DIRECTOR", "director");
  const talent = await signUp(sender, "TALENT", "talent");
  // A talent may only reply to a director who wrote first.
  await graphql(sender, SEND_MESSAGE, { input: { toUserId: talent.id, body: "Are you free?" } }, director.token);
  await timeDeliveries(label, receiver, {
    subscriberToken: director.token,
    field: "replyReceived",
    count: REPLIES,
    send: (i) => graphql(sender, SEND_MESSAGE, { input: { toUserId: director.id, body: `Reply ${i}` } }, talent.token),
  });
}

/** Subscribes to `field` on `receiver`, then sends `count` messages one at a time, each timed from its response. */
async function timeDeliveries(
  label: string,
  receiver: App,
  run: {
    subscriberToken: string;
    field: "messageReceived" | "replyReceived";
    count: number;
    send: (i: number) => Promise<unknown>;
  },
): Promise<void> {
  const client = createClient({
    url: receiver.url.replace(/^http/, "ws"),
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${run.subscriberToken}` },
  });
  const arrivals = new Map<string, number>();
  let notify: (() => void) | null = null;
  const dispose = client.subscribe<Record<string, { id: string }>>(
    { query: `subscription { ${run.field} { id } }` },
    {
      next: (result) => {
        arrivals.set(result.data![run.field]!.id, performance.now());
        notify?.();
      },
      error: (error) => console.error(error),
      complete: () => undefined,
    },
  );
  // Let the subscription become active before timing anything.
  await new Promise((resolve) => setTimeout(resolve, 500));

  const delays: number[] = [];
  for (let i = 0; i < run.count; i += 1) {
    const sent = (await run.send(i)) as { sendMessage: { id: string } };
    const respondedAt = performance.now();
    const id = sent.sendMessage.id;
    while (!arrivals.has(id)) await new Promise<void>((resolve) => (notify = resolve));
    delays.push(arrivals.get(id)! - respondedAt);
  }
  dispose();
  await client.dispose();
  delays.sort((a, b) => a - b);
  console.log(
    `${label.padEnd(52)} n=${delays.length} median ${percentile(delays, 50).toFixed(2)} ms  ` +
      `p99 ${percentile(delays, 99).toFixed(2)} ms  ` +
      `(min ${delays[0]!.toFixed(2)}, max ${delays.at(-1)!.toFixed(2)}; negative = event before the response)`,
  );
}

async function main(): Promise<void> {
  const database = `talent_bench_live_${process.pid}`;
  await createMysqlDatabase(SERVER_URL, database);
  const base = (redisUrl: string): Config => ({
    ...loadConfig({
      NODE_ENV: "test",
      PORT: "0",
      SEED_DEMO_DATA: "false",
      RATE_LIMITS: "off",
      REDIS_URL: redisUrl,
      REDIS_CHANNEL_PREFIX: `bench-${process.pid}:`,
    }),
    database: { kind: "mysql", url: withDatabaseName(SERVER_URL, database) },
  });
  const apps: App[] = [];
  const start = async (config: Config) => {
    const app = createApp(config, { logger: createMemoryLogger({ level: "warn" }) });
    await app.start();
    apps.push(app);
    return app;
  };
  try {
    const inProcess = await start(base(""));
    await measure("one instance, in-process bus", inProcess, inProcess);
    await measureReplies("reply to a director, one instance, in-process bus", inProcess, inProcess);
    // Its relay would take the Redis instances' events off the shared outbox and publish them in-process.
    await inProcess.stop();
    apps.splice(apps.indexOf(inProcess), 1);
    const first = await start(base(REDIS_URL));
    const second = await start(base(REDIS_URL));
    await measure("one instance, through Redis", first, first);
    await measure("two instances through Redis (mutate on A, B)", first, second);
    await measureReplies("reply to a director, two instances through Redis", first, second);
  } finally {
    for (const app of apps) await app.stop();
    await dropMysqlDatabase(SERVER_URL, database);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
