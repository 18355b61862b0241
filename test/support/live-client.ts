import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import { print } from "graphql";
import { createClient, type Client, type ExecutionResult } from "graphql-ws";
import WebSocket from "ws";

/*
 * A real graphql-ws client for tests, with a queue of what each subscription
 * received, so a test can wait for the next event or assert that none came.
 */

export interface TestSubscription<TData> {
  /** The next event, or a failure after `timeoutMs`. */
  next(timeoutMs?: number): Promise<ExecutionResult<TData>>;
  /** Takes every event received so far, without waiting. */
  drain(): Array<ExecutionResult<TData>>;
  /** Waits `ms` and fails if anything arrived meanwhile. */
  expectSilence(ms?: number): Promise<void>;
  /** Resolves with the error or close event that ended the subscription. */
  readonly ended: Promise<unknown>;
  unsubscribe(): void;
}

export function liveClient(httpUrl: string, token: string | null, options: { keepAlive?: number } = {}): Client {
  return createClient({
    url: httpUrl.replace(/^http/, "ws"),
    webSocketImpl: WebSocket,
    connectionParams: token ? { authorization: `Bearer ${token}` } : {},
    retryAttempts: 0,
    lazy: false,
    keepAlive: options.keepAlive ?? 0,
    // Tests read a refused connection from the subscription's end, not from the console.
    onNonLazyError: () => undefined,
  });
}

export function subscribe<TData = Record<string, unknown>>(
  client: Client,
  document: string | TypedDocumentNode<TData, Record<string, never>>,
  variables: Record<string, unknown> = {},
  /** The subscribe message's `extensions` (e.g. a traceparent). */
  extensions?: Record<string, unknown>,
): TestSubscription<TData> {
  const query = typeof document === "string" ? document : print(document);
  const received: Array<ExecutionResult<TData>> = [];
  let wake: (() => void) | null = null;
  let endedWith: (value: unknown) => void = () => undefined;
  const ended = new Promise<unknown>((resolve) => (endedWith = resolve));

  const unsubscribe = client.subscribe<TData>(
    { query, variables, ...(extensions ? { extensions } : {}) },
    {
      next: (value) => {
        received.push(value as ExecutionResult<TData>);
        wake?.();
      },
      error: (error) => {
        endedWith(error);
        wake?.();
      },
      complete: () => endedWith("complete"),
    },
  );

  return {
    ended,
    unsubscribe,
    async next(timeoutMs = 5_000) {
      const deadline = Date.now() + timeoutMs;
      while (received.length === 0) {
        const remaining = deadline - Date.now();
        if (remaining <= 0) throw new Error(`no event within ${timeoutMs} ms`);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, remaining);
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        wake = null;
      }
      return received.shift()!;
    },
    drain() {
      return received.splice(0, received.length);
    },
    async expectSilence(ms = 300) {
      await new Promise((resolve) => setTimeout(resolve, ms));
      if (received.length > 0) throw new Error(`expected no event, got ${JSON.stringify(received)}`);
    },
  };
}
