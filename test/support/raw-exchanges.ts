import WebSocket from "ws";

/*
 * GraphQL over HTTP and graphql-ws as the bytes on the wire, for tests that
 * compare two answers byte for byte (the compiled and interpreted paths).
 */

/** A POST's status and its body exactly as sent. */
export async function postForText(
  url: string,
  body: { query: string; variables?: Record<string, unknown>; operationName?: string },
  token: string | null,
): Promise<{ status: number; text: string }> {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (token) headers.authorization = `Bearer ${token}`;
  const response = await fetch(url, { method: "POST", headers, body: JSON.stringify(body) });
  return { status: response.status, text: await response.text() };
}

/** A graphql-ws connection that keeps, per operation id, every message's text after its id. */
export interface RecordingSocket {
  subscribe(id: string, query: string, variables?: Record<string, unknown>): void;
  /** The messages for `id` so far (`{"type":"next","payload":…}` etc., without the id). */
  received(id: string): string[];
  /** Resolves once `id` has `count` messages (fails after `timeoutMs`). */
  waitFor(id: string, count: number, timeoutMs?: number): Promise<string[]>;
  complete(id: string): void;
  close(): Promise<void>;
}

export async function openRecordingSocket(httpUrl: string, token: string): Promise<RecordingSocket> {
  const socket = new WebSocket(httpUrl.replace(/^http/, "ws"), "graphql-transport-ws");
  const messages = new Map<string, string[]>();
  const waiters = new Set<() => void>();
  let acknowledged: () => void = () => undefined;
  const ack = new Promise<void>((resolve) => (acknowledged = resolve));
  socket.on("message", (data) => {
    const text = String(data);
    const parsed = JSON.parse(text) as { id?: string; type: string };
    if (parsed.type === "connection_ack") return acknowledged();
    if (parsed.type === "ping") return socket.send(JSON.stringify({ type: "pong" }));
    if (parsed.id === undefined) return;
    const prefix = `{"id":${JSON.stringify(parsed.id)},`;
    if (!text.startsWith(prefix)) throw new Error(`Unexpected message layout: ${text}`);
    const list = messages.get(parsed.id) ?? [];
    list.push(`{${text.slice(prefix.length)}`);
    messages.set(parsed.id, list);
    for (const wake of waiters) wake();
  });
  await new Promise<void>((resolve, reject) => {
    socket.once("open", () => resolve());
    socket.once("error", reject);
  });
  socket.send(JSON.stringify({ type: "connection_init", payload: { authorization: `Bearer ${token}` } }));
  await ack;

  const received = (id: string) => [...(messages.get(id) ?? [])];
  return {
    subscribe(id, query, variables = {}) {
      socket.send(JSON.stringify({ id, type: "subscribe", payload: { query, variables } }));
    },
    received,
    waitFor(id, count, timeoutMs = 5_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (received(id).length < count) return;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(received(id));
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(
            new Error(`Operation ${id} got ${received(id).length} of ${count} messages: ${received(id).join("\n")}`),
          );
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    complete(id) {
      socket.send(JSON.stringify({ id, type: "complete" }));
    },
    async close() {
      if (socket.readyState === socket.CLOSED) return;
      await new Promise<void>((resolve) => {
        socket.once("close", () => resolve());
        socket.close();
      });
    },
  };
}
