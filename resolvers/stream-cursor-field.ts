import { AccountType } from "../entities/enums";
import type { StreamName } from "../src/domain/stream-position";
import type { Context } from "../src/context";
import { UnauthenticatedError } from "../src/errors";

/** What `streamCursor` says about itself in the schema, for each pushed type. */
export function streamCursorDescription(stream: StreamName): string {
  return (
    `Where to resume the ${stream} subscription: pass the last one you received as its \`after\` when you ` +
    "subscribe again, and the items you missed are sent first, then live ones. On an item from a list or a " +
    "mutation it is the moment of that request (a few items may then come twice: dedupe by id). " +
    "Opaque, and valid only for the signed-in account's own stream."
  );
}

/** The same, for a type pushed on a talent's stream and a casting director's: the viewer's account type picks it. */
export function streamCursorDescriptionByAccount(talentStream: StreamName, directorStream: StreamName): string {
  return (
    `Where to resume the signed-in account's subscription of this type (${talentStream} for talent, ` +
    `${directorStream} for casting directors): pass the last one you received as its \`after\` when you ` +
    "subscribe again, and the items you missed are sent first, then live ones. On an item from a list or a " +
    "mutation it is the moment of that request (a few items may then come twice: dedupe by id). " +
    "Opaque, and valid only for the signed-in account's own stream."
  );
}

/** The viewer's stream of a type pushed to both account types. */
export function streamOfViewer(
  context: Context,
  streams: { talent: StreamName; castingDirector: StreamName },
): StreamName {
  if (!context.viewer) throw new UnauthenticatedError();
  return context.viewer.accountType === AccountType.CASTING_DIRECTOR ? streams.castingDirector : streams.talent;
}

/**
 * The item's resume cursor in the viewer's own stream of that kind: its relay
 * sequence when a subscription pushed it, otherwise the moment this request's
 * context was made, before any of its statements read anything (so every item
 * committed after the read is relayed after that moment and gets replayed).
 * Not the relay counter read now: read after the list, it may already count
 * an item committed after the list's snapshot, which would then be skipped.
 */
export function streamCursorOf(context: Context, stream: StreamName, item: { id: number }): string {
  if (!context.viewer) throw new UnauthenticatedError();
  const sequence = context.pushedSequences.get(item);
  return context.services.streamCursors.encode(
    stream,
    context.viewer.id,
    sequence === undefined
      ? { kind: "time", readAt: context.now }
      : { kind: "sequence", sequence, issuedAt: context.now, itemId: item.id },
  );
}
