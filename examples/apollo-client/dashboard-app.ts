import type { ApolloClient, ObservableQuery, Reference } from "@apollo/client";
import { createDashboardClient } from "./dashboard-client";
import {
  DashboardDocument,
  LiveCountsDocument,
  MessageReceivedDocument,
  MoreMessagesDocument,
  RefreshTokenDocument,
  SignInDocument,
  type DashboardQuery,
  type DashboardQueryVariables,
  type MessageReceivedSubscription,
} from "./generated/graphql";
import type { LiveStatus } from "./live-socket";
import { createSession } from "./session";

/*
 * The headless part of a Talent Dashboard app on Apollo Client 4, the part a
 * UI would sit on: it signs in, keeps its token fresh, loads the Dashboard,
 * pages the messages, and follows the live counts and messages, through a
 * gateway restart. What the UI shows is read from Apollo's cache: pushed
 * counts and fetched pages land there by themselves, keyed by the ids.
 */

export type Dashboard = DashboardQuery["dashboard"];
export type MessageListItem = Dashboard["messages"]["edges"][number]["node"];

export interface DashboardAppOptions {
  /** The gateway's GraphQL endpoint, e.g. http://localhost:4000/graphql. */
  url: string;
  email: string;
  password: string;
  /** A WebSocket class; `ws` by default. */
  webSocketImpl?: unknown;
  /** The fetch HttpLink uses; the global one by default. */
  fetch?: typeof fetch;
  /** Where progress goes, a line at a time; nowhere by default. */
  log?: (line: string) => void;
  /** Messages per page (the gateway allows 1 to 100). */
  pageSize?: number;
  /** How long before its expiry the token is refreshed. */
  refreshMarginSeconds?: number;
}

export interface DashboardApp {
  readonly client: ApolloClient;
  /** The bearer token in use; null before start() and once signed out. */
  readonly token: string | null;
  readonly expiresAt: Date | null;
  readonly liveStatus: LiveStatus;
  /** Messages that arrived over MessageReceived since start(), oldest first. */
  readonly received: readonly MessageListItem[];
  /** Why the app was signed out, once it was. */
  readonly signedOutBecause: unknown;
  /** Signs in, loads the Dashboard and subscribes; rejects when sign-in or the Dashboard fails. */
  start(): Promise<void>;
  /** The Dashboard as the cache holds it now: counts as last pushed, every message loaded so far. */
  dashboard(): Dashboard | undefined;
  /** Fetches the next page of messages into the list; resolves to whether more remain. */
  loadMoreMessages(): Promise<boolean>;
  /** Ends the subscriptions, the refresh timer and the websocket. */
  stop(): Promise<void>;
}

/** TalentDashboard.messages as relayStylePagination stores it: each edge's node is a reference to Message:<id>. */
interface StoredMessages {
  totalCount: number;
  edges: Array<{ cursor: string; node: Reference }>;
}

const DEFAULT_PAGE_SIZE = 20;
const DEFAULT_REFRESH_MARGIN_SECONDS = 60;

export function createDashboardApp(options: DashboardAppOptions): DashboardApp {
  const log = options.log ?? (() => {});
  const pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE;
  const received: MessageListItem[] = [];
  let liveStatus: LiveStatus = "idle";
  let signedOutBecause: unknown = null;
  const stops: Array<() => void> = [];
  const liveStops: Array<() => void> = [];

  // What the UI makes of it (a sign-in screen) is its own business; the live
  // part ends here: with no subscription left, graphql-ws closes the socket.
  const signOut = (reason: unknown) => {
    signedOutBecause = reason;
    session.end();
    for (const stop of liveStops.splice(0)) stop();
    log(`Signed out: ${reason instanceof Error ? reason.message : String(reason)}`);
  };

  const session = createSession({
    refreshMarginMs: (options.refreshMarginSeconds ?? DEFAULT_REFRESH_MARGIN_SECONDS) * 1000,
    refresh: async () => {
      const { data } = await client.mutate({ mutation: RefreshTokenDocument, fetchPolicy: "no-cache" });
      return data!.refreshToken;
    },
    onSignedOut: signOut,
    log,
  });

  const { client, stop: stopClient } = createDashboardClient({
    url: options.url,
    token: () => session.token,
    webSocketImpl: options.webSocketImpl,
    fetch: options.fetch,
    onLiveStatus: (status) => {
      if (status !== liveStatus) log(`Live: ${status}`);
      liveStatus = status;
    },
    onTokenRefused: (code, reason) => signOut(new Error(`The gateway refused the token (${code} ${reason})`)),
  });

  const variables: DashboardQueryVariables = { first: pageSize };
  let dashboardQuery: ObservableQuery<DashboardQuery, DashboardQueryVariables> | undefined;
  // What the UI shows, read from the cache itself: a watched query's result
  // catches up with a fetchMore only a moment after fetchMore resolves.
  const cached = () => client.readQuery({ query: DashboardDocument, variables })?.dashboard;

  async function signIn(): Promise<void> {
    const { data } = await client.mutate({
      mutation: SignInDocument,
      variables: { email: options.email, password: options.password },
      // A token has no place in a cache the UI reads from.
      fetchPolicy: "no-cache",
    });
    session.hold(data!.login);
    log(`Signed in as ${data!.login.user.name}`);
  }

  async function loadDashboard(): Promise<void> {
    await client.query({ query: DashboardDocument, variables });
    // From here on the UI watches the cache: every write to what the Dashboard
    // reads (pushed counts, more pages, a new message) emits a new result.
    dashboardQuery = client.watchQuery({ query: DashboardDocument, variables });
    const watching = dashboardQuery.subscribe(() => {});
    stops.push(() => watching.unsubscribe());
  }

  function followLiveCounts(): void {
    // Nothing to do with the data: the pushed AtAGlance carries its id, so the
    // cache merges it into the one the Dashboard holds (AtAGlance:<talent id>).
    const counts = client.subscribe({ query: LiveCountsDocument }).subscribe(({ data, error }) => {
      if (error) log(`Live counts failed: ${error.message}`);
      else if (data) log(`Live counts: ${data.notificationCounts.newMessages} new messages`);
    });
    liveStops.push(() => counts.unsubscribe());
  }

  function followMessages(): void {
    const messages = client.subscribe({ query: MessageReceivedDocument }).subscribe(({ data, error }) => {
      if (error) log(`Live messages failed: ${error.message}`);
      if (!data) return;
      received.push(data.messageReceived);
      prependMessage(data.messageReceived);
    });
    liveStops.push(() => messages.unsubscribe());
  }

  /**
   * A pushed message is cached as Message:<id> by itself, but which list it
   * belongs to only the app knows: it goes first in the dashboard's messages.
   * It comes without a cursor (cursors come with pages); the next page is still
   * asked after the last loaded edge's cursor, so none is needed.
   */
  function prependMessage(message: MessageReceivedSubscription["messageReceived"]): void {
    const loaded = cached();
    if (!loaded) return;
    client.cache.modify({
      id: client.cache.identify(loaded),
      fields: {
        messages(value, { readField, toReference }) {
          const stored = value as StoredMessages;
          if (stored.edges.some((edge) => readField("id", edge.node) === message.id)) return stored;
          const edge = { __typename: "MessageEdge", cursor: "", node: toReference(message) };
          return { ...stored, totalCount: stored.totalCount + 1, edges: [edge, ...stored.edges] };
        },
      },
    });
  }

  return {
    client,
    get token() {
      return session.token;
    },
    get expiresAt() {
      return session.expiresAt;
    },
    get liveStatus() {
      return liveStatus;
    },
    received,
    get signedOutBecause() {
      return signedOutBecause;
    },

    async start() {
      await signIn();
      await loadDashboard();
      followLiveCounts();
      followMessages();
    },

    dashboard: () => cached() ?? undefined,

    async loadMoreMessages() {
      const messages = cached()?.messages;
      if (!dashboardQuery || !messages?.pageInfo.hasNextPage || !messages.pageInfo.endCursor) return false;
      // Written to the cache under `dashboard` (TalentDashboard:<id>, the same
      // object), where relayStylePagination appends the page to the list.
      await dashboardQuery.fetchMore({
        query: MoreMessagesDocument,
        variables: { first: pageSize, after: messages.pageInfo.endCursor },
      });
      return cached()?.messages.pageInfo.hasNextPage ?? false;
    },

    async stop() {
      for (const stop of [...liveStops.splice(0), ...stops.splice(0)]) stop();
      session.end();
      await stopClient();
    },
  };
}
