import { SpanKind } from "@opentelemetry/api";
import { W3CTraceContextPropagator } from "@opentelemetry/core";
import { BasicTracerProvider, type ReadableSpan } from "@opentelemetry/sdk-trace-base";
import type { Client } from "graphql-ws";
import type { App } from "../../src/app";
import type { EventBus } from "../../src/live/event-bus";
import { createInProcessEventBus } from "../../src/live/in-process-event-bus";
import { createRedisEventBus } from "../../src/live/redis-event-bus";
import { listenOn, publishOn } from "../../src/live/topic-bus";
import { topics } from "../../src/live/topics";
import { createMemoryLogger } from "../../src/logger";
import { traceEventBus, tracePublish } from "../../src/tracing/live-spans";
import { MessageReceivedDocument, NotificationCountsDocument, SendMessageDocument } from "../generated/operations";
import { fixtures, type Fixtures } from "../support/fixtures";
import { request } from "../support/graphql-http";
import { liveClient, subscribe } from "../support/live-client";
import { childrenOf, idOf, onlySpan, recordSpans, traceOf, type RecordedSpans } from "../support/spans";
import { startTestApp, testConfig, testRedisUrl } from "../support/test-app";
import { createTestDatabase, testEngine, type TestDatabase } from "../support/test-database";

/*
 * A live event's publish and its deliveries: the relay publishes on the
 * instance where the mutation ran, and the subscriber's instance delivers.
 * With TEST_REDIS_URL they are two instances sharing the database and Redis
 * (the second relays nothing, so every publish is the first's); without, one.
 */
let database: TestDatabase;
let first: App;
let other: App;
let firstSpans: RecordedSpans;
let otherSpans: RecordedSpans;
let f: Fixtures;
const clients: Client[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  const config = testConfig(database.config);
  firstSpans = recordSpans();
  first = (await startTestApp(config, { spanProcessor: firstSpans.processor })).app;
  if (testRedisUrl) {
    otherSpans = recordSpans();
    const relayingNothing = { ...config, outbox: { ...config.outbox, relayEnabled: false } };
    other = (await startTestApp(relayingNothing, { spanProcessor: otherSpans.processor })).app;
  } else {
    otherSpans = firstSpans;
    other = first;
  }
  f = fixtures(first.db);
});

afterAll(async () => {
  await Promise.all(clients.map((client) => client.dispose()));
  await first?.stop();
  if (other !== first) await other?.stop();
  await database?.drop();
});

const setting = `on ${testEngine}${testRedisUrl ? ", two instances sharing Redis" : ", one instance"}`;

describe(`a live event's publish and deliveries (${setting})`, () => {
  it("links each delivery, on the subscriber's instance, to the relay's publish span", async () => {
    const director = await f.director();
    const talent = await f.talent("Live");
    const client = liveClient(other.url, talent.token);
    clients.push(client);
    const messages = subscribe(client, MessageReceivedDocument);
    const counts = subscribe(client, NotificationCountsDocument);
    await counts.next();
    firstSpans.reset();
    otherSpans.reset();

    const sent = await request(
      first.url,
      SendMessageDocument,
      { input: { toUserId: String(talent.user.id), body: "Linked" } },
      { token: director.token },
    );
    expect((await messages.next()).data!.messageReceived.id).toBe(sent.data!.sendMessage.id);
    expect((await counts.next()).data!.notificationCounts.newMessages).toBe(1);

    const published = await firstSpans.waitFor((all) =>
      ["publish MESSAGE_SENT", "publish COUNTS_CHANGED"].every((name) => all.some((span) => span.name === name)),
    );
    const delivered = await otherSpans.waitFor((all) =>
      ["process talent:{id}:message-received", "process talent:{id}:counts-changed"].every((name) =>
        all.some((span) => span.name === name),
      ),
    );

    for (const [publishName, deliveryName] of [
      ["publish MESSAGE_SENT", "process talent:{id}:message-received"],
      ["publish COUNTS_CHANGED", "process talent:{id}:counts-changed"],
    ] as const) {
      const publish = onlySpan(published, publishName, SpanKind.PRODUCER);
      // Each publish is a trace of its own: the relay serves every waiting commit, not the request.
      expect(publish.parentSpanContext).toBeUndefined();
      expect(publish.attributes).toMatchObject({
        "messaging.system": testRedisUrl ? "redis" : "in_process",
        "messaging.operation.type": "send",
        "messaging.destination.name": publishName.slice("publish ".length),
      });
      const delivery = onlySpan(delivered, deliveryName, SpanKind.CONSUMER);
      expect(delivery.parentSpanContext).toBeUndefined();
      expect(delivery.links.map((link) => [link.context.traceId, link.context.spanId])).toEqual([
        [traceOf(publish), idOf(publish)],
      ]);
      expect(delivery.attributes).toMatchObject({
        "messaging.operation.type": "process",
        "messaging.destination.template": deliveryName.slice("process ".length),
      });
    }
    // What the delivery set off runs under it: the recount of the talent's counts.
    const recount = childrenOf(delivered, onlySpan(delivered, "process talent:{id}:counts-changed"));
    expect(recount.filter((span) => span.kind === SpanKind.CLIENT).length).toBeGreaterThan(0);
    // And nothing of a delivery's names carries the account id.
    expect(delivered.map((span) => span.name).join()).not.toContain(String(talent.user.id));
  });

  it("keeps the relay's work out of the trace of the mutation that nudged it", async () => {
    const director = await f.director();
    const talent = await f.talent("Nudged");
    firstSpans.reset();
    const sent = await request(
      first.url,
      SendMessageDocument,
      { input: { toUserId: String(talent.user.id), body: "Nudge" } },
      { token: director.token },
    );
    expect(sent.errors).toBeUndefined();
    const all = await firstSpans.waitFor(
      (spans) =>
        spans.some((span) => span.name === "publish MESSAGE_SENT") &&
        spans.some(
          (span) => span.attributes["graphql.operation.name"] === "SendMessage" && span.kind === SpanKind.SERVER,
        ),
    );
    const server = all.find((span) => span.kind === SpanKind.SERVER)!;
    const mutationTrace = all.filter((span) => traceOf(span) === traceOf(server));
    const statements = mutationTrace.filter((span) => span.kind === SpanKind.CLIENT).map(queryText);
    // The mutation's own writes, its outbox row included, are in its trace...
    expect(statements.some((sql) => /INSERT INTO\W+outbox_events/i.test(sql))).toBe(true);
    // ...the relay's lock, scan and publish are not.
    expect(statements.filter((sql) => /outbox_relay_state|relaySequence IS NULL/i.test(sql))).toEqual([]);
    expect(mutationTrace.filter((span) => span.kind === SpanKind.PRODUCER)).toEqual([]);
  });
});

const queryText = (span: ReadableSpan) => String(span.attributes["db.query.text"]);

/** The buses a message crosses: in-process always, Redis when the suite has one. */
const buses: Array<[string, () => Promise<EventBus>]> = [["the in-process bus", async () => createInProcessEventBus()]];
if (testRedisUrl) {
  const redisUrl = testRedisUrl;
  buses.push([
    "Redis",
    () => createRedisEventBus(redisUrl, `test-live-spans-${process.pid}-${Date.now()}:`, createMemoryLogger()),
  ]);
}

describe.each(buses)("trace context in the bus messages, over %s", (_name, openBus) => {
  const spans = recordSpans();
  const tracer = new BasicTracerProvider({ spanProcessors: [spans.processor] }).getTracer("test");
  const propagator = new W3CTraceContextPropagator();
  let bus: EventBus;
  let traced: EventBus;

  beforeAll(async () => {
    bus = await openBus();
    traced = traceEventBus(bus, tracer, propagator, "in_process");
  });
  afterAll(() => bus.close());

  /** Listens on a topic as the live layer does (topic-bus.ts), collecting what a subscription would receive. */
  async function listen(talentId: number) {
    const received: unknown[] = [];
    const malformed: string[] = [];
    const stop = await listenOn(
      traced,
      topics.messageReceived(talentId),
      (payload) => received.push(payload),
      (topic) => malformed.push(topic),
    );
    return { received, malformed, stop };
  }

  it("carries the publish span's traceparent and takes it off before the topic reads the message", async () => {
    const listener = await listen(101);
    spans.reset();
    const publish = tracePublish(tracer, "in_process", (_event, _sequence, _committedAt, publishedIn) =>
      publishOn(traced, topics.messageReceived(101), { messageId: 5, sequence: 9 }, publishedIn),
    );
    await publish({ type: "MESSAGE_SENT", messageId: 5, recipientId: 101 }, 9);
    const all = await spans.waitFor((ended) => ended.some((span) => span.kind === SpanKind.CONSUMER));
    listener.stop();

    expect(listener.received).toEqual([{ messageId: 5, sequence: 9 }]);
    const publishSpan = onlySpan(all, "publish MESSAGE_SENT");
    expect(publishSpan.attributes).toMatchObject({
      "messaging.message.id": "9",
      "talent_dashboard.live.relay_sequence": 9,
    });
    const delivery = onlySpan(all, "process talent:{id}:message-received");
    expect(delivery.links.map((link) => link.context.spanId)).toEqual([idOf(publishSpan)]);
  });

  it("delivers old-format and forged messages as any other: only a valid traceparent links, nothing else gets through", async () => {
    const listener = await listen(202);
    const raw: unknown[] = [];
    const stopRaw = await traced.subscribe(topics.messageReceived(202).name, (payload) => raw.push(payload));
    spans.reset();
    const forged = `00-${"c".repeat(32)}-${"d".repeat(16)}-01`;
    const messages = [
      { messageId: 1, sequence: 1 },
      { messageId: 2, sequence: 2, traceparent: 42 },
      { messageId: 3, sequence: 3, traceparent: { toString: "00-x" } },
      { messageId: 4, sequence: 4, traceparent: "garbage" },
      { messageId: 5, sequence: 5, traceparent: `${forged}${"0".repeat(5000)}` },
      { messageId: 6, sequence: 6, traceparent: forged, body: "INJECTED", preview: "INJECTED", sender: { id: 1 } },
    ];
    // Straight onto the bus underneath, as another process (or an attacker with the bus's address) could.
    for (const message of messages) await bus.publish(topics.messageReceived(202).name, message);
    await spans.waitFor((ended) => ended.filter((span) => span.kind === SpanKind.CONSUMER).length === 12);
    listener.stop();
    stopRaw();

    // What a subscription receives: the id and the sequence, never another field.
    expect(listener.received).toEqual(messages.map(({ messageId, sequence }) => ({ messageId, sequence })));
    expect(listener.malformed).toEqual([]);
    // No listener ever sees the trace field, whatever it held.
    expect(raw.every((payload) => !("traceparent" in (payload as object)))).toBe(true);
    const links = spans
      .all()
      .filter((span) => span.kind === SpanKind.CONSUMER)
      .flatMap((span) => span.links.map((link) => link.context.traceId));
    // Message 6's valid (forged) traceparent links, once per listener: a link is only ids, and says so.
    expect(links).toEqual(["c".repeat(32), "c".repeat(32)]);
  });
});
