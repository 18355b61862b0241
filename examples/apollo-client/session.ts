import { isUnauthenticated } from "./unauthenticated";

/** What `login` and `refreshToken` answer. */
export interface IssuedToken {
  token: string;
  /** ISO 8601: when the gateway stops accepting the token. */
  expiresAt: string;
}

/** The signed-in user's token, kept current: every HTTP request and websocket (re)connect reads it here. */
export interface Session {
  /** The current token; null before sign-in and once signed out. */
  readonly token: string | null;
  readonly expiresAt: Date | null;
  /** Holds a token from sign-in (or a refresh) and schedules its refresh. */
  hold(issued: IssuedToken): void;
  /** Forgets the token and cancels the refresh: signed out. */
  end(): void;
}

export interface SessionOptions {
  /** Exchanges the current token for a new one (the RefreshToken mutation, sent with the current token). */
  refresh: () => Promise<IssuedToken>;
  /** How long before expiry to refresh. */
  refreshMarginMs: number;
  /** Called once when the session ends by itself: the gateway refused the token, or it expired unrefreshed. */
  onSignedOut: (reason: unknown) => void;
  log: (line: string) => void;
}

/** While the gateway cannot be reached (a restart, the network), a failed refresh is tried again this often. */
const RETRY_REFRESH_MS = 1_000;
/** setTimeout fires at once for delays above 2^31 - 1 ms (about 24.8 days). */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Refreshes the token `refreshMarginMs` before it expires, for as long as the
 * gateway gives new ones (a session lasts SESSION_MAX_AGE_SECONDS from
 * sign-in; then refreshToken answers UNAUTHENTICATED and the user signs in again).
 */
export function createSession(options: SessionOptions): Session {
  let held: { token: string; expiresAt: Date } | null = null;
  let timer: NodeJS.Timeout | undefined;

  const schedule = (delayMs: number) => {
    clearTimeout(timer);
    timer = setTimeout(() => void refresh(), Math.min(Math.max(0, delayMs), MAX_TIMER_MS));
  };

  const session: Session = {
    get token() {
      return held?.token ?? null;
    },
    get expiresAt() {
      return held?.expiresAt ?? null;
    },
    hold(issued) {
      held = { token: issued.token, expiresAt: new Date(issued.expiresAt) };
      schedule(held.expiresAt.getTime() - options.refreshMarginMs - Date.now());
    },
    end() {
      held = null;
      clearTimeout(timer);
    },
  };

  async function refresh(): Promise<void> {
    const refreshing = held;
    if (!refreshing) return;
    try {
      const issued = await options.refresh();
      if (held !== refreshing) return; // signed out (or signed in again) meanwhile
      session.hold(issued);
      options.log(`Token refreshed; it expires at ${issued.expiresAt}`);
    } catch (error) {
      if (held !== refreshing) return;
      const left = refreshing.expiresAt.getTime() - Date.now();
      if (isUnauthenticated(error) || left <= 0) {
        session.end();
        options.onSignedOut(error);
        return;
      }
      options.log(`Token refresh failed (${error instanceof Error ? error.message : String(error)}); trying again`);
      schedule(Math.min(RETRY_REFRESH_MS, left));
    }
  }

  return session;
}
