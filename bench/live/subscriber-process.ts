/*
 * A child of `npm run bench:live` that holds thousands of graphql-ws clients,
 * one per talent, each subscribed to the contract's NotificationCounts. Every
 * counts update is stamped on arrival with this process's clock and reported
 * to the parent in batches (the parent corrects for the clock offset).
 */
import { performance } from "node:perf_hooks";
import { createClient, type Client } from "graphql-ws";
import WebSocket from "ws";
import { contractOperation } from "../support/dashboard-operation";
import type { Arrival, Counts, FromSubscribers, ToSubscribers } from "./messages";

const QUERY = contractOperation("NotificationCounts");
const FLUSH_EVERY_MS = 10;

const now = () => performance.timeOrigin + performance.now();
const clients: Client[] = [];
const disposers: Array<() => void> = [];
let pending: Arrival[] = [];

function send(message: FromSubscribers): void {
  process.send?.(message);
}

const flusher = setInterval(() => {
  if (pending.length === 0) return;
  const arrivals = pending;
  pending = [];
  send({ type: "arrivals", arrivals });
}, FLUSH_EVERY_MS);

/** A WebSocket bound to one local (source) address, so many addresses share the ephemeral ports. */
function webSocketFrom(localAddress: string): unknown {
  return class extends WebSocket {
    constructor(address: string | URL, protocols?: string | string[]) {
      super(address, protocols, { localAddress, perMessageDeflate: false });
    }
  };
}

/** Resolves when the first counts arrive (the subscription is live), rejects on error or close. */
function subscribe(url: string, talentId: number, token: string, localAddress: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let first = true;
    const client = createClient({
      url,
      webSocketImpl: webSocketFrom(localAddress),
      connectionParams: { authorization: `Bearer ${token}` },
      lazy: true,
      retryAttempts: 0,
    });
    clients.push(client);
    const dispose = client.subscribe<{ notificationCounts: Counts }>(
      { query: QUERY },
      {
        next(result) {
          const at = now();
          if (result.errors) {
            pending.push({ talentId, at, counts: null, error: JSON.stringify(result.errors).slice(0, 200) });
            return;
          }
          const counts = result.data?.notificationCounts ?? null;
          if (first) {
            first = false;
            resolve();
          }
          pending.push({ talentId, at, counts });
        },
        error(error) {
          const reason = error instanceof Error ? error.message : JSON.stringify(error).slice(0, 200);
          if (first) reject(new Error(reason));
          else pending.push({ talentId, at: now(), counts: null, error: reason });
        },
        complete() {
          if (first) reject(new Error("completed before any counts"));
        },
      },
    );
    disposers.push(dispose);
  });
}

async function connectAll(message: Extract<ToSubscribers, { type: "connect" }>): Promise<void> {
  const started = now();
  let next = 0;
  let connected = 0;
  const failures: string[] = [];
  let failed = 0;
  const worker = async () => {
    while (next < message.talents.length) {
      const index = next;
      next += 1;
      const talent = message.talents[index]!;
      const localAddress = message.localAddresses[index % message.localAddresses.length]!;
      try {
        await subscribe(message.url, talent.id, talent.token, localAddress);
        connected += 1;
        if (connected % 1000 === 0) send({ type: "progress", connected });
      } catch (error) {
        failed += 1;
        if (failures.length < 5) failures.push(`talent ${talent.id}: ${String(error)}`);
      }
    }
  };
  await Promise.all(Array.from({ length: message.parallel }, worker));
  send({ type: "connected", connected, failed, failures, ms: now() - started });
}

async function closeAll(): Promise<void> {
  for (const dispose of disposers) dispose();
  await Promise.all(clients.map((client) => client.dispose()));
  clearInterval(flusher);
  send({ type: "closed" });
  setTimeout(() => process.exit(0), 100);
}

process.on("message", (message: ToSubscribers) => {
  if (message.type === "clock") send({ type: "clock", sentAt: message.sentAt, now: now() });
  else if (message.type === "connect") void connectAll(message);
  else if (message.type === "close") void closeAll();
});
// The parent is gone: nothing left to measure for.
process.on("disconnect", () => process.exit(0));
