import type { ExecutionResult } from "graphql-ws";
import {
  DashboardDocument,
  LiveCountsDocument,
  MessageReceivedDocument,
  MoreMessagesDocument,
  type CountsFragment,
} from "./generated/graphql";
import { createHttpClient } from "./http-client";
import { createLiveClient, subscribeByHash, UNAUTHORIZED, type LiveStatus } from "./live-client";
import { EMPTY_LIST, withFirstPage, withNextPage, withPushedMessage, type MessageList } from "./message-list";
import { createSession, type StoredSession } from "./session";
import { gatewayMessage, isUnauthenticated, SignedOutError } from "./signed-out";

/*
 * A headless Talent Dashboard, the part a UI sits on: graphql-request for
 * HTTP, graphql-ws for the live counts and messages, plain state in between
 * (graphql-request has no cache, so the app keeps what it shows). Every
 * document goes by its hash, as a production gateway requires.
 */

export type DashboardAppOptions = Credentials & {
  /** The gateway's GraphQL endpoint, e.g. http://localhost:4000/graphql (the websocket is the same URL). */
  url: string;
  /** See LiveClientOptions.webSocketImpl: ws's WebSocket by default, for Node before 22. */
  webSocketImpl?: unknown;
  log?: (line: string) => void;
  /** Called after every change of `state`. */
  onChange?: (state: DashboardState) => void;
  /** Messages per page (20 by default). */
  pageSize?: number;
  /** Refresh the token this long before it expires (5 minutes by default). */
  refreshMarginMs?: number;
  /** The longest wait between two websocket attempts (30 s by default). */
  maxRetryDelayMs?: number;
  /** How queries travel over HTTP (POST by default; mutations are always POST). */
  method?: "GET" | "POST";
  /** The fetch under graphql-request (the platform's by default). */
  fetch?: typeof fetch;
};

/** Sign in with a password, or continue a session the app stored earlier. */
export type Credentials =
  | { email: string; password: string; session?: undefined }
  | { session: StoredSession; email?: undefined; password?: undefined };

export interface DashboardState {
  /** Who signed in (null for a resumed session). */
  readonly user: { id: string; name: string } | null;
  readonly session: StoredSession | null;
  /** At a Glance: from the Dashboard query until the live feed sends its own, then the feed's. */
  readonly counts: CountsFragment | null;
  readonly messages: MessageList;
  readonly live: LiveStatus;
  /** Set once the gateway refuses the session; the app has stopped then. */
  readonly signedOut: SignedOutError | null;
}

export interface DashboardApp {
  readonly state: DashboardState;
  /** Signs in, subscribes, loads the first page; resolves once the live counts have arrived. */
  start(): Promise<void>;
  /** Reads the first page of messages again (what a pull-to-refresh does). */
  reload(): Promise<void>;
  /** Loads the next page of messages (nothing when there is none). */
  loadMoreMessages(): Promise<void>;
  /** Unsubscribes, closes the socket and stops the refresh timer. */
  stop(): Promise<void>;
}

export function createDashboardApp(options: DashboardAppOptions): DashboardApp {
  const log = options.log ?? console.log;
  const pageSize = options.pageSize ?? 20;
  let state: DashboardState = {
    user: null,
    session: null,
    counts: null,
    messages: EMPTY_LIST,
    live: { state: "connecting", attempts: 0, lastClose: null },
    signedOut: null,
  };
  let liveCountsArrived = false;
  const update = (change: Partial<DashboardState>) => {
    state = { ...state, ...change };
    options.onChange?.(state);
  };

  const http = createHttpClient({
    url: options.url,
    token: () => session.token,
    method: options.method,
    fetch: options.fetch,
  });
  const session = createSession({
    http,
    refreshMarginMs: options.refreshMarginMs ?? 5 * 60_000,
    log,
    onToken: (current) => update({ session: current }),
    onSignedOut: (error) => signedOut(error),
  });

  let connectedBefore = false;
  const live = createLiveClient({
    url: options.url,
    webSocketImpl: options.webSocketImpl,
    maxRetryDelayMs: options.maxRetryDelayMs,
    // Every (re)connection asks: a token the gateway refused is refreshed first, and a sign-out stops the retries.
    token: (refused) => session.tokenForConnection(refused),
    onStatus: (status) => {
      const previous = state.live.state;
      update({ live: status });
      if (status.state === "connected" && previous !== "connected") {
        log(connectedBefore ? "live: reconnected" : "live: connected");
        // Pushes sent while the socket was down are lost; the counts come again by themselves, the list is read again.
        if (connectedBefore) reloadFirstPage().catch((error: Error) => log(`reload failed: ${error.message}`));
        connectedBefore = true;
      }
      if (status.state === "closed" && previous === "connected" && status.lastClose) {
        log(`live: closed ${status.lastClose.code} ${status.lastClose.reason}`.trimEnd());
      }
    },
  });

  /** Awaits an HTTP operation; a refused token ends the session. */
  const endSessionIfRefused = async <TData>(request: Promise<TData>): Promise<TData> => {
    try {
      return await request;
    } catch (error) {
      if (isUnauthenticated(error)) throw signedOut(new SignedOutError(gatewayMessage(error)));
      throw error;
    }
  };

  const reloadFirstPage = async () => {
    const { dashboard } = await endSessionIfRefused(http.request(DashboardDocument, { first: pageSize }));
    update({
      messages: withFirstPage(state.messages, dashboard.messages),
      // Once the live feed has spoken, it is fresher than any query's answer that may cross it.
      counts: liveCountsArrived ? state.counts : dashboard.atAGlance,
    });
  };

  let firstCounts: { resolve: () => void; reject: (error: Error) => void } | null = null;
  const countsReady = new Promise<void>((resolve, reject) => (firstCounts = { resolve, reject }));
  countsReady.catch(() => undefined);

  const onLiveError = (operation: string) => (error: unknown) => {
    const failure = liveFailure(error);
    if (failure instanceof SignedOutError) signedOut(failure);
    else log(`live: ${operation} failed: ${failure.message}`);
    firstCounts?.reject(failure);
  };

  const unsubscribers: Array<() => void> = [];
  const subscribe = () => {
    unsubscribers.push(
      subscribeByHash(live.client, MessageReceivedDocument, {
        next: (result) => {
          if (result.data) update({ messages: withPushedMessage(state.messages, result.data.messageReceived) });
          else logErrors("MessageReceived", result);
        },
        error: onLiveError("MessageReceived"),
        complete: () => undefined,
      }),
      subscribeByHash(live.client, LiveCountsDocument, {
        next: (result) => {
          if (!result.data) return logErrors("LiveCounts", result);
          liveCountsArrived = true;
          update({ counts: result.data.notificationCounts });
          firstCounts?.resolve();
        },
        error: onLiveError("LiveCounts"),
        complete: () => undefined,
      }),
    );
  };

  const logErrors = (operation: string, result: ExecutionResult<unknown>) =>
    log(`live: ${operation}: ${(result.errors ?? []).map((error) => error.message).join("; ")}`);

  let stopping: Promise<void> | null = null;
  const stop = () => {
    stopping ??= (async () => {
      session.stop();
      for (const unsubscribe of unsubscribers.splice(0)) unsubscribe();
      await live.dispose();
    })();
    return stopping;
  };

  const signedOut = (error: SignedOutError): SignedOutError => {
    if (!state.signedOut) {
      log(`signed out: ${error.message}`);
      update({ signedOut: error, session: null });
      void stop();
    }
    return state.signedOut!;
  };

  return {
    get state() {
      return state;
    },
    async start() {
      try {
        if (options.session) {
          session.resume(options.session);
        } else {
          const user = await session.signIn(options.email, options.password);
          update({ user });
          log(`signed in as ${user.name}`);
        }
        // Subscribed before the first page is read, so no message falls between the two.
        subscribe();
        await reloadFirstPage();
        await countsReady;
      } catch (error) {
        await stop();
        throw state.signedOut ?? error;
      }
    },
    reload: reloadFirstPage,
    async loadMoreMessages() {
      const { endCursor, hasNextPage } = state.messages;
      if (!hasNextPage || endCursor === null) return;
      const { dashboard } = await endSessionIfRefused(
        http.request(MoreMessagesDocument, { first: pageSize, after: endCursor }),
      );
      update({ messages: withNextPage(state.messages, dashboard.messages) });
    },
    stop,
  };
}

/** What ended a subscription: graphql-ws hands over an Error, a close event, or the gateway's GraphQL errors. */
function liveFailure(error: unknown): Error {
  if (error instanceof Error) return error;
  if (Array.isArray(error)) return new Error(error.map((item: { message?: string }) => item.message).join("; "));
  const { code, reason } = (error ?? {}) as { code?: number; reason?: string };
  if (code === UNAUTHORIZED) return new SignedOutError(reason || "The gateway refused the token");
  return new Error(`The live connection closed (${code ?? "?"}${reason ? `: ${reason}` : ""})`);
}
