import type { GraphQLClient } from "graphql-request";
import { RefreshTokenDocument, SignInDocument } from "./generated/graphql";
import { gatewayMessage, isUnauthenticated, SignedOutError } from "./signed-out";

/** A signed-in session as an app would keep it (and store it, to resume later). */
export interface StoredSession {
  token: string;
  /** ISO date: when the gateway stops accepting the token. */
  expiresAt: string;
}

export interface SessionOptions {
  /** The client that sends SignIn and RefreshToken; it must send `session.token` as its bearer token. */
  http: GraphQLClient;
  /** How long before the token expires it is refreshed. */
  refreshMarginMs: number;
  log: (line: string) => void;
  /** The token changed (signed in or refreshed). */
  onToken?: (session: StoredSession) => void;
  /** The gateway refused the session: only a new sign-in helps. */
  onSignedOut?: (error: SignedOutError) => void;
}

export interface Session {
  /** The current token, or null before sign-in and after sign-out. */
  readonly token: string | null;
  readonly current: StoredSession | null;
  signIn(email: string, password: string): Promise<{ id: string; name: string }>;
  /** Continues a stored session; the first request tells whether the gateway still takes it. */
  resume(session: StoredSession): void;
  /** A new token now (concurrent calls share one request); SignedOutError when the gateway refuses. */
  refresh(): Promise<string>;
  /**
   * The token for a new websocket connection. `refused` is the token of a
   * connection the gateway closed 4403: if that is still the current one it is
   * refreshed first (an expired or forged token fails there, with SignedOutError).
   */
  tokenForConnection(refused: string | null): Promise<string>;
  stop(): void;
}

/** Longest delay setTimeout keeps (about 24.8 days); a longer one fires at once. */
const MAX_TIMER_MS = 2 ** 31 - 1;
/** After a refresh that failed for another reason than the session (network, restart), try again this soon. */
const REFRESH_RETRY_MS = 5_000;

/**
 * The token and its refresh. refreshToken needs the current, still valid
 * token, so it runs `refreshMarginMs` before expiry; a refresh that fails
 * because the gateway is unreachable is tried again while the token lasts.
 * The gateway caps every token at the session's maximum age from sign-in, so
 * refreshing never keeps a session alive forever.
 */
export function createSession(options: SessionOptions): Session {
  const { http, refreshMarginMs, log } = options;
  let current: StoredSession | null = null;
  let timer: NodeJS.Timeout | undefined;
  let refreshing: Promise<string> | null = null;
  let stopped = false;

  const adopt = (next: StoredSession) => {
    current = next;
    options.onToken?.(next);
    schedule(Date.parse(next.expiresAt) - refreshMarginMs - Date.now());
  };

  const schedule = (delayMs: number) => {
    clearTimeout(timer);
    if (stopped) return;
    timer = setTimeout(refreshOnTimer, Math.min(Math.max(delayMs, 0), MAX_TIMER_MS));
  };

  const refreshOnTimer = () => {
    refresh().catch((error: unknown) => {
      if (error instanceof SignedOutError || !current) return;
      const leftMs = Date.parse(current.expiresAt) - Date.now();
      log(`token refresh failed (${(error as Error).message}); trying again`);
      schedule(Math.min(REFRESH_RETRY_MS, leftMs / 2));
    });
  };

  const signedOut = (error: SignedOutError): SignedOutError => {
    current = null;
    clearTimeout(timer);
    options.onSignedOut?.(error);
    return error;
  };

  const refresh = (): Promise<string> => {
    refreshing ??= (async () => {
      try {
        const { refreshToken } = await http.request(RefreshTokenDocument);
        if (stopped) return refreshToken.token;
        adopt(refreshToken);
        log(`token refreshed; it expires at ${refreshToken.expiresAt}`);
        return refreshToken.token;
      } catch (error) {
        if (isUnauthenticated(error)) throw signedOut(new SignedOutError(gatewayMessage(error)));
        throw error;
      } finally {
        refreshing = null;
      }
    })();
    return refreshing;
  };

  return {
    get token() {
      return current?.token ?? null;
    },
    get current() {
      return current;
    },
    async signIn(email, password) {
      try {
        const { login } = await http.request(SignInDocument, { email, password });
        adopt({ token: login.token, expiresAt: login.expiresAt });
        return login.user;
      } catch (error) {
        if (isUnauthenticated(error)) throw signedOut(new SignedOutError(gatewayMessage(error)));
        throw error;
      }
    },
    resume(session) {
      adopt(session);
    },
    refresh,
    async tokenForConnection(refused) {
      if (refused !== null && refused === current?.token) return refresh();
      if (!current) throw new SignedOutError("Not signed in");
      return current.token;
    },
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
