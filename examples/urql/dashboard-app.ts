import type { Client, CombinedError } from "@urql/core";
import { createDashboardClient } from "./dashboard-client";
import {
  DashboardDocument,
  LiveCountsDocument,
  MessageReceivedDocument,
  MoreMessagesDocument,
  RefreshTokenDocument,
  SignInDocument,
  type DashboardQuery,
  type MessageItemFragment,
} from "./generated/graphql";
import { createLiveSocket, type LiveStatus } from "./live-socket";
import { createSession, isRefusedCredentials, SignedOutError, type Credentials, type Session } from "./session";

/*
 * A headless Talent Dashboard on urql, what a UI would sit on: it signs in,
 * keeps its token fresh, shows the Dashboard from graphcache (one live query
 * that re-emits whenever the cache changes: a page loaded, counts pushed, a
 * message received), and follows the live counts and messages over graphql-ws,
 * through gateway restarts, until stop().
 */

export interface DashboardAppOptions {
  /** The gateway's GraphQL endpoint, e.g. http://localhost:4000/graphql; the websocket is on the same URL. */
  url: string;
  email: string;
  password: string;
  /** A saved session to resume instead of signing in with the password. */
  credentials?: Credentials;
  /** Messages per page. */
  pageSize?: number;
  /** How long before the token expires to refresh it. */
  refreshMarginMs?: number;
  /** A WebSocket class; `ws` by default. */
  webSocketImpl?: unknown;
  /** A fetch to use instead of the global one. */
  fetch?: typeof fetch;
  log?: (line: string) => void;
}

export interface DashboardApp {
  /** The urql Client, e.g. to read its cache (`requestPolicy: "cache-only"`). */
  readonly client: Client;
  readonly session: Session;
  readonly status: LiveStatus;
  /** The Dashboard as graphcache has it now: the counts as last pushed, every page of messages loaded. */
  readonly dashboard: DashboardQuery["dashboard"] | null;
  /** The messages pushed over MessageReceived since start, oldest first. */
  readonly received: readonly MessageItemFragment[];
  /** Signs in, loads the Dashboard and subscribes; resolves once the live counts arrived. */
  start(): Promise<void>;
  /** Loads the next page of messages into the Dashboard's list; resolves with whether more are left. */
  loadMoreMessages(): Promise<boolean>;
  /** Calls `listener` after every change of the above; returns the unsubscribe function. */
  onChange(listener: () => void): () => void;
  /** Ends the subscriptions, the refresh timer and the socket. */
  stop(): Promise<void>;
}

export function createDashboardApp(options: DashboardAppOptions): DashboardApp {
  const { url, pageSize = 10, log = () => {} } = options;
  const listeners = new Set<() => void>();
  const changed = () => listeners.forEach((listener) => listener());
  const teardowns: Array<() => void> = [];
  let status: LiveStatus = "connecting";
  let dashboard: DashboardQuery["dashboard"] | null = null;
  const received: MessageItemFragment[] = [];

  const setStatus = (next: LiveStatus, detail?: string) => {
    // Once signed out, only stop() changes the status: a closing socket must not read as "reconnecting".
    if (status === "stopped" || (status === "signed-out" && next !== "stopped")) return;
    status = next;
    log(`live: ${next}${detail ? ` (${detail})` : ""}`);
    changed();
  };
  const session = createSession({
    refreshMarginMs: options.refreshMarginMs ?? 60_000,
    async refresh() {
      const result = await client.mutation(RefreshTokenDocument, {}).toPromise();
      if (!result.data) throw failure(result.error, "refreshToken");
      return result.data.refreshToken;
    },
    onRefreshed: (credentials) => log(`token refreshed, valid until ${credentials.expiresAt}`),
    onRefreshFailed: (error) => log(`token refresh failed, trying again: ${(error as Error).message}`),
    onSignedOut(reason) {
      log(`signed out: ${reason.message}`);
      setStatus("signed-out");
    },
  });
  const liveSocket = createLiveSocket({ url, session, webSocketImpl: options.webSocketImpl, onStatus: setStatus });
  const client = createDashboardClient({
    url,
    session,
    liveSocket,
    pageSize,
    fetch: options.fetch,
    // graphcache's debug lines are cache misses, expected on first load; its warnings point at a bug.
    logger: (severity, message) => {
      if (severity === "warn" || severity === "error") log(`graphcache ${severity}: ${message}`);
    },
  });

  /** An Error for a failed operation: SignedOutError (and the session ended) when the gateway refused the token. */
  function failure(error: CombinedError | undefined, operation: string): Error {
    if (isRefusedCredentials(error)) {
      const reason = new SignedOutError(`${operation}: ${error!.message}`);
      session.signOut(reason);
      return reason;
    }
    return new Error(`${operation}: ${error?.message ?? "no data"}`);
  }

  async function signIn(): Promise<Credentials> {
    const result = await client
      .mutation(SignInDocument, { email: options.email, password: options.password })
      .toPromise();
    if (!result.data) throw failure(result.error, "login");
    log(`signed in as ${result.data.login.user.name}`);
    return result.data.login;
  }

  /** The Dashboard as a live query: its first network result, then every cache change, until stop(). */
  function followDashboard(): Promise<void> {
    return new Promise((resolve, reject) => {
      const subscription = client
        .query(DashboardDocument, { first: pageSize }, { requestPolicy: "cache-and-network" })
        .subscribe((result) => {
          if (result.error) log(`Dashboard: ${result.error.message}`);
          if (result.data) {
            dashboard = result.data.dashboard;
            changed();
            if (!result.stale) resolve();
          } else if (result.error) {
            reject(failure(result.error, "Dashboard"));
          }
        });
      teardowns.push(() => subscription.unsubscribe());
    });
  }

  /**
   * The live counts need no handler: graphcache writes each AtAGlance into its
   * record, which the Dashboard query reads. Resolves on the first snapshot.
   */
  function followLiveUpdates(): Promise<void> {
    return new Promise((resolve, reject) => {
      const counts = client.subscription(LiveCountsDocument, {}).subscribe((result) => {
        if (result.data) resolve();
        if (result.error) {
          log(`LiveCounts: ${result.error.message}`);
          reject(session.signedOut ?? new Error(`LiveCounts: ${result.error.message}`));
        }
      });
      const messages = client.subscription(MessageReceivedDocument, {}).subscribe((result) => {
        if (result.data) {
          received.push(result.data.messageReceived);
          changed();
        }
        if (result.error) log(`MessageReceived: ${result.error.message}`);
      });
      teardowns.push(
        () => counts.unsubscribe(),
        () => messages.unsubscribe(),
      );
    });
  }

  /** Resolves once `predicate` holds for the app's state (checked after every change). */
  function until(predicate: () => boolean): Promise<void> {
    if (predicate()) return Promise.resolve();
    return new Promise((resolve) => {
      const unsubscribe = app.onChange(() => {
        if (!predicate()) return;
        unsubscribe();
        resolve();
      });
    });
  }

  const app: DashboardApp = {
    client,
    session,
    get status() {
      return status;
    },
    get dashboard() {
      return dashboard;
    },
    received,

    async start() {
      session.begin(options.credentials ?? (await signIn()));
      // The Dashboard first: the counts snapshot the subscription sends after it is then the newer one.
      await followDashboard();
      await followLiveUpdates();
    },

    async loadMoreMessages() {
      const pageInfo = dashboard?.messages.pageInfo;
      if (!pageInfo?.hasNextPage || !pageInfo.endCursor) return false;
      const result = await client
        .query(MoreMessagesDocument, { first: pageSize, after: pageInfo.endCursor })
        .toPromise();
      if (!result.data) throw failure(result.error, "MoreMessages");
      // graphcache merges the page into the Dashboard's list and re-runs that query from the cache.
      const { endCursor, hasNextPage } = result.data.dashboard.messages.pageInfo;
      await until(() => status === "stopped" || dashboard?.messages.pageInfo.endCursor === endCursor);
      return hasNextPage;
    },

    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    async stop() {
      teardowns.splice(0).forEach((teardown) => teardown());
      await session.stop();
      await liveSocket.dispose();
      setStatus("stopped");
      listeners.clear();
    },
  };
  return app;
}
