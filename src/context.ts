import type { DataSource } from "typeorm";
import type { AccountService } from "./auth/account.service";
import type { SignedInViewer, TokenService } from "./auth/tokens";
import type { LiveFeeds } from "./live/live-feeds";
import { createLoaders, type Loaders } from "./loaders";
import type { Logger } from "./logger";
import type { MutationServices } from "./mutations";
import type { CursorCodec } from "./pagination/cursor";
import type { StreamCursors } from "./pagination/stream-cursor";
import { createQueries, type Queries } from "./queries";
import type { OperationRateLimits } from "./rate-limits/operation-rate-limits";
import type { TraceParent } from "./trace-parent";

/**
 * What lives as long as the app: shared by every request's context. A traced
 * request's context has the same services on a data source (and live feeds)
 * that record its statements in its trace: the composition root's `servicesIn`.
 */
export interface Services {
  readonly db: DataSource;
  readonly tokens: TokenService;
  readonly accounts: AccountService;
  readonly cursors: CursorCodec;
  /** Resume cursors: the `streamCursor` of pushed types and the `after` of item subscriptions. */
  readonly streamCursors: StreamCursors;
  /** Subscriptions' feeds: counts and pushed items, per talent. */
  readonly live: LiveFeeds;
  /** Every write of the API; each publishes its domain events after its commit. */
  readonly mutations: MutationServices;
  /** Budgets per account and address that every operation is charged to, on both transports. */
  readonly operationRateLimits: OperationRateLimits;
}

/** What every resolver receives, over HTTP and over websockets alike. */
export interface Context {
  /**
   * Names this request in every log line about it: over HTTP the caller's `X-Request-Id` (when
   * sane) or a fresh id, over graphql-ws `<connection id>:<message id>` (src/logging/request-id.ts).
   */
  readonly requestId: string;
  /** The app's logger bound to `requestId`: what a resolver or service logs about this request goes here. */
  readonly logger: Logger;
  readonly viewer: SignedInViewer | null;
  /** The caller's address (rate limits, login throttling; TRUST_PROXY decides), or null when unknown. */
  readonly clientAddress: string | null;
  /** Ends the websocket connection of a client that stopped reading; null over HTTP. */
  readonly dropConnection: (() => void) | null;
  /** The operation's clock: every "still open" and "not yet due" in one answer agrees. */
  readonly now: Date;
  /**
   * The relay sequence of each item a subscription event pushes (the object
   * its resolver returned), for its `streamCursor`. Items read any other way
   * are not in it: their cursor is the context's `now`.
   */
  readonly pushedSequences: WeakMap<object, number>;
  readonly loaders: Loaders;
  readonly queries: Queries;
  readonly services: Services;
  /** Where this request's spans go (the GraphQL phases' plugin reads it); null when it is not traced. */
  readonly traceParent: TraceParent | null;
}

/** What the transport tells a context: who is asking, how to log, how to drop its socket. */
export interface ContextTransport {
  readonly requestId: string;
  /** Read when something first logs: the websocket transport makes its operation's logger then. */
  readonly logger: Logger;
  readonly clientAddress?: string | null;
  readonly dropConnection?: (() => void) | null;
  readonly traceParent?: TraceParent | null;
}

/**
 * The one context factory for both transports (and for each subscription
 * event): the transport authenticates, this adds a clock and fresh loaders.
 */
export function createContext(services: Services, viewer: SignedInViewer | null, transport: ContextTransport): Context {
  return new RequestContext(
    services,
    viewer && { id: viewer.id, accountType: viewer.accountType, signedInAt: viewer.signedInAt },
    transport,
  );
}

/**
 * A class, not an object literal with getters: every open subscription keeps
 * its first context, and a literal's getters are closures of their own and
 * turn its properties into a dictionary, per subscriber.
 */
class RequestContext implements Context {
  readonly now = new Date();
  // Built on first use: most subscription events (counts) and many requests need none.
  private ownLoaders: Loaders | undefined;
  private ownQueries: Queries | undefined;
  private ownPushedSequences: WeakMap<object, number> | undefined;

  constructor(
    readonly services: Services,
    readonly viewer: SignedInViewer | null,
    private readonly transport: ContextTransport,
  ) {}

  get requestId(): string {
    return this.transport.requestId;
  }

  get logger(): Logger {
    return this.transport.logger;
  }

  get clientAddress(): string | null {
    return this.transport.clientAddress ?? null;
  }

  get dropConnection(): (() => void) | null {
    return this.transport.dropConnection ?? null;
  }

  get traceParent(): TraceParent | null {
    return this.transport.traceParent ?? null;
  }

  get pushedSequences(): WeakMap<object, number> {
    return (this.ownPushedSequences ??= new WeakMap());
  }

  get loaders(): Loaders {
    return (this.ownLoaders ??= createLoaders(this.services.db, this.now));
  }

  get queries(): Queries {
    return (this.ownQueries ??= createQueries({
      db: this.services.db,
      loaders: this.loaders,
      cursors: this.services.cursors,
      now: this.now,
    }));
  }
}
