import type { SubscribeResolverData } from "type-graphql";
import { AccountType } from "../entities/enums";
import type { Context } from "../src/context";
import type { StreamName, StreamPosition } from "../src/domain/stream-position";
import { ForbiddenError, ServiceUnavailableError, UnauthenticatedError } from "../src/errors";
import type { CountsUnavailable } from "../src/live/counts-unavailable";

/** What a `subscribe` function receives; item subscriptions take `after`. */
export type SubscribeData = SubscribeResolverData<unknown, { after?: string | null }, Context>;

const FOR_ACCOUNT_TYPE: Record<AccountType, string> = {
  [AccountType.TALENT]: "talent accounts",
  [AccountType.CASTING_DIRECTOR]: "casting director accounts",
};

/**
 * The viewer's id, when the viewer holds `accountType`. Subscriptions are
 * routed by it alone: no argument can point one at another account's feed.
 * (Checked in `subscribe`, which TypeGraphQL's @Authorized does not guard, and
 * again on each push.)
 */
export function viewerOfType(context: Context, accountType: AccountType): number {
  if (!context.viewer) throw new UnauthenticatedError();
  if (context.viewer.accountType !== accountType) {
    throw new ForbiddenError(`This subscription is for ${FOR_ACCOUNT_TYPE[accountType]} only`);
  }
  return context.viewer.id;
}

/**
 * The counts a counts subscription pushed, or the error its client is sent
 * when they could not be read this time (the feed sends them again once they can).
 */
export function countsOrThrow<Counts extends object>(update: Counts | CountsUnavailable): Counts {
  if ("unavailable" in update) {
    throw new ServiceUnavailableError(
      "The counts are unavailable right now; they will be sent again once they can be read",
    );
  }
  return update;
}

/** The position a client's `after` names in its own stream; a refusal (BAD_USER_INPUT) before anything listens. */
export function resumeFrom(
  context: Context,
  stream: StreamName,
  viewerId: number,
  after: string | null | undefined,
): StreamPosition | null {
  if (after === undefined || after === null) return null;
  return context.services.streamCursors.decode(stream, viewerId, after);
}

/** Remembers the pushed item's relay sequence for its streamCursor (see stream-cursor-field.ts). */
export function pushed<T extends object>(context: Context, item: T, sequence: number): T {
  context.pushedSequences.set(item, sequence);
  return item;
}

export const AFTER_DESCRIPTION =
  "A streamCursor from this subscription's last item (or from a list): the items after it are sent first, in " +
  "order, then live ones. Refused with BAD_USER_INPUT when it is another account's or stream's, or older than " +
  "the replay window: then refetch the list and subscribe again.";
