import { SpanKind, SpanStatusCode } from "@opentelemetry/api";
import type { ReadableSpan } from "@opentelemetry/sdk-trace-base";
import type { Client } from "graphql-ws";
import { MessageReceivedDocument, NotificationCountsDocument, SendMessageDocument } from "../generated/operations";
import { request } from "../support/graphql-http";
import { liveClient, subscribe } from "../support/live-client";
import { childrenOf, everythingRecorded, onlySpan, recordSpans, traceOf } from "../support/spans";
import { useGateway } from "../support/use-gateway";

const spans = recordSpans();
const gateway = useGateway({ spanProcessor: spans.processor });
const clients: Client[] = [];

afterAll(async () => {
  await Promise.all(clients.map((client) => client.dispose()));
});

const CALLER_TRACE = "0af7651916cd43dd8448eb211c80319c";
const CALLER_SPAN = "b7ad6b7169203331";
const CALLER = `00-${CALLER_TRACE}-${CALLER_SPAN}-01`;

function client(token: string): Client {
  const created = liveClient(gateway.app.url, token);
  clients.push(created);
  return created;
}

const operationSpans = (all: readonly ReadableSpan[]) => all.filter((span) => span.name.startsWith("graphql-ws "));
const isSubscription = (span: ReadableSpan) => span.name === "graphql-ws subscription";
const ended = (name: string) => (all: readonly ReadableSpan[]) => all.some((span) => span.name === name);

describe("a span per websocket operation", () => {
  it("puts a subscription in the trace its extensions.traceparent names, each pushed event a child span", async () => {
    const f = gateway.fixtures;
    const talent = await f.talent("Subscribed");
    const director = await f.director();
    spans.reset();
    const socket = client(talent.token);
    const messages = subscribe(socket, MessageReceivedDocument, {}, { traceparent: CALLER });
    // Its first counts come once every subscription of the socket before it listens.
    await subscribe(socket, NotificationCountsDocument).next();
    const sent = await request(
      gateway.app.url,
      SendMessageDocument,
      { input: { toUserId: String(talent.user.id), body: "Traced" } },
      { token: director.token },
    );
    expect((await messages.next()).data!.messageReceived.id).toBe(sent.data!.sendMessage.id);

    const inCallerTrace = (all: readonly ReadableSpan[]) => all.filter((span) => traceOf(span) === CALLER_TRACE);
    const withEvent = await spans.waitFor((all) => inCallerTrace(all).some((span) => span.name === "graphql-ws event"));
    // Still subscribed: the operation's span is open, its event's already exported.
    expect(operationSpans(inCallerTrace(withEvent)).map((span) => span.name)).toEqual(["graphql-ws event"]);
    messages.unsubscribe();
    const all = inCallerTrace(await spans.waitFor((ended) => inCallerTrace(ended).some(isSubscription)));

    const operation = all.find(isSubscription)!;
    expect(operation.kind).toBe(SpanKind.SERVER);
    expect(operation.parentSpanContext).toMatchObject({ traceId: CALLER_TRACE, spanId: CALLER_SPAN, isRemote: true });
    expect(operation.attributes).toEqual({
      "graphql.operation.type": "subscription",
      "graphql.operation.name": "MessageReceived",
    });
    expect(operation.status.code).toBe(SpanStatusCode.UNSET);

    const event = onlySpan(all, "graphql-ws event");
    expect(childrenOf(all, operation)).toContain(event);
    // The relay sequence it pushed: the one its publish span (a trace of its own) carries.
    const publish = onlySpan(spans.all(), "publish MESSAGE_SENT");
    expect(event.attributes).toEqual({
      "graphql.operation.type": "subscription",
      "graphql.operation.name": "MessageReceived",
      "talent_dashboard.live.relay_sequence": publish.attributes["talent_dashboard.live.relay_sequence"],
    });
    // The event's resolvers read the message fresh: their statements are the event's children.
    const statements = childrenOf(all, event);
    expect(statements.length).toBeGreaterThan(0);
    expect(statements.every((span) => span.kind === SpanKind.CLIENT)).toBe(true);
  });

  it("traces a query over graphql-ws, with its statements under the operation", async () => {
    const talent = await gateway.fixtures.talent("Queried");
    spans.reset();
    const query = subscribe(client(talent.token), "query Who { viewer { id name } }", {}, { traceparent: CALLER });
    expect((await query.next()).data).toEqual({ viewer: { id: String(talent.user.id), name: "Queried" } });
    const all = await spans.waitFor(ended("graphql-ws query"));
    const operation = onlySpan(all, "graphql-ws query");
    expect(traceOf(operation)).toBe(CALLER_TRACE);
    expect(operation.attributes).toEqual({ "graphql.operation.type": "query", "graphql.operation.name": "Who" });
    const statements = all.filter((span) => span.kind === SpanKind.CLIENT);
    expect(statements.length).toBeGreaterThan(0);
    expect(childrenOf(all, operation)).toEqual(expect.arrayContaining(statements));
  });

  it("starts its first counts inside the subscription's span, and keeps each later push a child of it", async () => {
    const talent = await gateway.fixtures.talent("Counted");
    spans.reset();
    const counts = subscribe(client(talent.token), NotificationCountsDocument);
    expect((await counts.next()).data!.notificationCounts.newMessages).toBe(0);
    counts.unsubscribe();
    const all = await spans.waitFor(ended("graphql-ws subscription"));
    const operation = onlySpan(all, "graphql-ws subscription");
    // No traceparent: a trace of its own.
    expect(operation.parentSpanContext).toBeUndefined();
    const children = childrenOf(all, operation);
    // The counts read when it subscribed ran in the operation; the counts it then pushed are its first event.
    expect(children.filter((span) => span.kind === SpanKind.CLIENT).length).toBeGreaterThan(0);
    expect(children.filter((span) => span.name === "graphql-ws event")).toHaveLength(1);
    expect(all.filter((span) => span.kind === SpanKind.CLIENT && !span.parentSpanContext)).toEqual([]);
  });

  it.each<[string, unknown]>([
    ["a number", 42],
    ["an object", { traceparent: CALLER }],
    ["an all-zero trace id", `00-${"0".repeat(32)}-${CALLER_SPAN}-01`],
    ["an unknown version", `ff-${CALLER_TRACE}-${CALLER_SPAN}-01`],
    ["a value too long", `${CALLER}-and-more`],
  ])("starts a new trace when extensions.traceparent is %s, and runs the operation", async (_case, traceparent) => {
    const talent = await gateway.fixtures.talent("Anyone");
    spans.reset();
    const query = subscribe(client(talent.token), "{ viewer { id } }", {}, { traceparent, tracestate: "a=b" });
    expect((await query.next()).data).toEqual({ viewer: { id: String(talent.user.id) } });
    const operation = onlySpan(await spans.waitFor(ended("graphql-ws query")), "graphql-ws query");
    expect(operation.parentSpanContext).toBeUndefined();
    expect(traceOf(operation)).not.toBe(CALLER_TRACE);
  });

  it("ends a refused operation's span at once, with the refusal's code", async () => {
    const talent = await gateway.fixtures.talent("Refused");
    spans.reset();
    const refused = subscribe(client(talent.token), "subscription { noSuchField }", {}, { traceparent: CALLER });
    expect(await refused.ended).toEqual([
      expect.objectContaining({ extensions: { code: "GRAPHQL_VALIDATION_FAILED" } }),
    ]);
    const operation = onlySpan(await spans.waitFor(ended("graphql-ws operation")), "graphql-ws operation");
    expect(operation.status).toEqual({ code: SpanStatusCode.ERROR, message: "GRAPHQL_VALIDATION_FAILED" });
    expect(operation.events.map((event) => event.attributes?.["graphql.error.code"])).toEqual([
      "GRAPHQL_VALIDATION_FAILED",
    ]);
    expect(everythingRecorded(operation)).not.toContain("noSuchField");
  });

  it("records a subscription refused by its resolver (a director's talent feed) on the operation", async () => {
    const director = await gateway.fixtures.director();
    spans.reset();
    const refused = subscribe(client(director.token), NotificationCountsDocument);
    const first = await refused.next();
    expect(first.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const operation = onlySpan(await spans.waitFor(ended("graphql-ws subscription")), "graphql-ws subscription");
    expect(operation.status).toEqual({ code: SpanStatusCode.ERROR, message: "FORBIDDEN" });
  });

  it("ends the spans of operations still running when the socket closes", async () => {
    const talent = await gateway.fixtures.talent("Leaving");
    spans.reset();
    const socket = liveClient(gateway.app.url, talent.token);
    const counts = subscribe(socket, NotificationCountsDocument);
    await counts.next();
    await socket.dispose();
    const operation = onlySpan(await spans.waitFor(ended("graphql-ws subscription")), "graphql-ws subscription");
    expect(operation.ended).toBe(true);
  });
});
