import WebSocket from "ws";

/*
 * A graphql-ws connection driven by hand, for hostile tests: a subscribe
 * message is sent as the exact JSON text given (variables nested 10,000 levels
 * deep, which a client's JSON.stringify might not survive), and the answer
 * to it is awaited by id.
 */

export interface RawMessage {
  id?: string;
  type: string;
  payload?: unknown;
}

export interface RawGraphQLSocket {
  /** Sends `subscribe` with this id, the query, and the variables' JSON text; resolves with the first answer to it. */
  subscribe(id: string, query: string, variablesJson?: string): Promise<{ message: RawMessage }>;
  close(): void;
}

export async function openRawGraphQLSocket(httpUrl: string, token: string): Promise<RawGraphQLSocket> {
  const socket = new WebSocket(httpUrl.replace(/^http/, "ws"), "graphql-transport-ws");
  const waiting = new Map<string, (message: RawMessage) => void>();
  let acknowledged: () => void = () => undefined;
  const ack = new Promise<void>((resolve) => (acknowledged = resolve));
  socket.on("message", (data) => {
    const message = JSON.parse(String(data)) as RawMessage;
    if (message.type === "connection_ack") return acknowledged();
    if (message.id) waiting.get(message.id)?.(message);
  });
  await new Promise<void>((resolve, reject) => {
    socket.once("open", () => resolve());
    socket.once("error", reject);
  });
  socket.send(JSON.stringify({ type: "connection_init", payload: { authorization: `Bearer ${token}` } }));
  await ack;

  return {
    subscribe(id, query, variablesJson = "{}") {
      return new Promise((resolve) => {
        waiting.set(id, (message) => {
          waiting.delete(id);
          resolve({ message });
        });
        socket.send(
          `{"id":${JSON.stringify(id)},"type":"subscribe","payload":{"query":${JSON.stringify(query)},"variables":${variablesJson}}}`,
        );
      });
    },
    close() {
      socket.close();
    },
  };
}
