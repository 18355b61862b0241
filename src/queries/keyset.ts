import { BadUserInputError } from "../errors";
import type { CursorCodec } from "../pagination/cursor";

/**
 * Lists sorted newest first by a timestamp, ties broken by id (descending), page
 * by keyset: "rows strictly after (time, id)". Cursors carry those two values.
 */
export interface TimeAndId {
  time: Date;
  id: number;
}

export function encodeTimeAndId(codec: CursorCodec, list: string, scope: string, position: TimeAndId): string {
  return codec.encode(list, scope, [position.time.getTime(), position.id]);
}

export function decodeTimeAndId(codec: CursorCodec, list: string, scope: string, cursor: string): TimeAndId {
  const [time, id] = codec.decode(list, scope, cursor);
  if (typeof time !== "number" || !Number.isFinite(time) || typeof id !== "number" || !Number.isSafeInteger(id)) {
    throw new BadUserInputError(
      `Invalid cursor '${cursor.slice(0, 40)}': use an endCursor or cursor from this list`,
      "after",
    );
  }
  return { time: new Date(time), id };
}

/** The keyset condition on `alias.column` and `alias.id`, with parameters :afterTime and :afterId. */
export function afterCondition(alias: string, column: string): string {
  return `(${alias}.${column} < :afterTime OR (${alias}.${column} = :afterTime AND ${alias}.id < :afterId))`;
}
