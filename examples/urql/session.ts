import type { CombinedError } from "@urql/core";

/*
 * The signed-in session: the current bearer token, renewed with refreshToken a
 * margin before it expires. The gateway refreshes only a token that is still
 * valid, so the timer must win the race against expiry; a refresh that fails
 * for want of a network is tried again while the token lasts, and one the
 * gateway refuses ends the session: only signing in again helps then.
 */

export interface Credentials {
  token: string;
  /** ISO date-time at which the token stops working (the JWT's exp). */
  expiresAt: string;
}

/** The session is over: the gateway refused its token (forged, expired, or the account is gone). */
export class SignedOutError extends Error {
  override name = "SignedOutError";
}

export interface Session {
  /** The current token, or null before sign-in and after the session ended. */
  readonly token: string | null;
  /** The current token; throws SignedOutError if there is none. */
  requireToken(): string;
  readonly expiresAt: string | null;
  readonly signedOut: SignedOutError | null;
  /** Starts (or restarts) the session with fresh credentials and schedules its refresh. */
  begin(credentials: Credentials): void;
  /** Ends the session for good; every later token() call throws `reason`. */
  signOut(reason: SignedOutError): void;
  /** Stops the refresh timer and waits for a refresh in flight. */
  stop(): Promise<void>;
}

export interface SessionOptions {
  /** Sends refreshToken with the current token. Throws SignedOutError when the gateway refuses it. */
  refresh(): Promise<Credentials>;
  /** How long before expiry to refresh. */
  refreshMarginMs: number;
  /** After a refresh that failed on the network, when to try again (while the token lasts). */
  retryDelayMs?: number;
  onRefreshed?(credentials: Credentials): void;
  /** A refresh failed but may work later (the gateway unreachable): it is tried again after retryDelayMs. */
  onRefreshFailed?(error: unknown): void;
  onSignedOut?(reason: SignedOutError): void;
}

export function createSession(options: SessionOptions): Session {
  const retryDelayMs = options.retryDelayMs ?? 1_000;
  let credentials: Credentials | null = null;
  let signedOut: SignedOutError | null = null;
  let timer: NodeJS.Timeout | undefined;
  let refreshing: Promise<void> | null = null;
  let stopped = false;

  const schedule = (delayMs: number) => {
    clearTimeout(timer);
    if (stopped || signedOut) return;
    timer = setTimeout(
      () => {
        refreshing = refresh().finally(() => (refreshing = null));
      },
      Math.max(0, delayMs),
    );
  };

  const msUntilRefresh = (current: Credentials) => Date.parse(current.expiresAt) - options.refreshMarginMs - Date.now();

  async function refresh(): Promise<void> {
    try {
      const renewed = await options.refresh();
      if (stopped || signedOut) return;
      credentials = renewed;
      options.onRefreshed?.(renewed);
      schedule(msUntilRefresh(renewed));
    } catch (error) {
      if (stopped || signedOut) return;
      if (error instanceof SignedOutError) return session.signOut(error);
      const expiresAt = Date.parse(credentials!.expiresAt);
      if (Date.now() + retryDelayMs < expiresAt) {
        options.onRefreshFailed?.(error);
        return schedule(retryDelayMs);
      }
      session.signOut(new SignedOutError("The token expired before it could be refreshed: sign in again"));
    }
  }

  const session: Session = {
    get token() {
      return signedOut ? null : (credentials?.token ?? null);
    },
    requireToken() {
      if (signedOut) throw signedOut;
      if (!credentials) throw new SignedOutError("Not signed in");
      return credentials.token;
    },
    get expiresAt() {
      return credentials?.expiresAt ?? null;
    },
    get signedOut() {
      return signedOut;
    },
    begin(fresh) {
      credentials = fresh;
      signedOut = null;
      schedule(msUntilRefresh(fresh));
    },
    signOut(reason) {
      if (signedOut) return;
      signedOut = reason;
      clearTimeout(timer);
      options.onSignedOut?.(reason);
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await refreshing;
    },
  };
  return session;
}

/**
 * Whether urql's error means the gateway refused the token: HTTP 401 (a
 * missing, forged or expired token fails the whole request) or UNAUTHENTICATED
 * (an account deleted since, a session past its maximum age, a wrong password).
 */
export function isRefusedCredentials(error: CombinedError | undefined): boolean {
  if (!error) return false;
  if ((error.response as { status?: number } | undefined)?.status === 401) return true;
  return error.graphQLErrors.some((graphQLError) => graphQLError.extensions?.code === "UNAUTHENTICATED");
}
