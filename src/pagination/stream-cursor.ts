import type { StreamName, StreamPosition } from "../domain/stream-position";
import { StreamResumeRefusedError } from "../errors";
import type { CursorCodec } from "./cursor";

/**
 * The `streamCursor` of pushed items and `after` of item subscriptions: a
 * signed position in one of the viewer's streams. The list name is the stream
 * and the scope the viewer, so another stream's or another account's cursor
 * fails the signature.
 */
export interface StreamCursors {
  encode(stream: StreamName, viewerId: number, position: StreamPosition): string;
  /** The position in `cursor`; throws StreamResumeRefusedError (BAD_USER_INPUT) for any cursor not issued for this stream and viewer. */
  decode(stream: StreamName, viewerId: number, cursor: string): StreamPosition;
}

export function createStreamCursors(codec: CursorCodec): StreamCursors {
  const list = (stream: StreamName) => `stream:${stream}`;
  const scope = (viewerId: number) => `viewer:${viewerId}`;
  return {
    encode(stream, viewerId, position) {
      return codec.encode(
        list(stream),
        scope(viewerId),
        position.kind === "sequence"
          ? ["s", position.sequence, position.issuedAt.getTime(), position.itemId]
          : ["t", position.readAt.getTime()],
      );
    },
    decode(stream, viewerId, cursor) {
      let decoded;
      try {
        decoded = codec.decode(list(stream), scope(viewerId), cursor);
      } catch {
        throw new StreamResumeRefusedError(stream);
      }
      // Signed by us, so only an older or newer version of this code could write another shape: refuse it all the same.
      const [kind, first, second, third, extra] = decoded;
      if (kind === "s" && isCount(first) && first >= 1 && isCount(second) && isCount(third) && extra === undefined) {
        return { kind: "sequence", sequence: first, issuedAt: new Date(second), itemId: third };
      }
      if (kind === "t" && isCount(first) && second === undefined) return { kind: "time", readAt: new Date(first) };
      throw new StreamResumeRefusedError(stream);
    },
  };
}

function isCount(value: unknown): value is number {
  return Number.isSafeInteger(value) && (value as number) >= 0;
}
