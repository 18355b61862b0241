import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import { BadUserInputError } from "../errors";

/** A position in a list: the sort key values of the last row seen. */
export type CursorPosition = readonly (string | number)[];

/**
 * Opaque, signed cursors. A cursor names its list and is bound to a scope (the
 * viewer and the filter), so a tampered cursor, one from another list, or one
 * from another talent's list is refused instead of silently paging elsewhere.
 */
export interface CursorCodec {
  encode(list: string, scope: string, position: CursorPosition): string;
  /** The position inside a cursor; throws BAD_USER_INPUT (field `after`) for any cursor not issued for this list and scope. */
  decode(list: string, scope: string, cursor: string): CursorPosition;
}

const SIGNATURE_BYTES = 12;
const MAX_CURSOR_LENGTH = 256;

export function createCursorCodec(secret: string): CursorCodec {
  const key = createHash("sha256").update(`cursor-signing:${secret}`).digest();
  const sign = (payload: string, scope: string) =>
    createHmac("sha256", key).update(`${scope}\n${payload}`).digest().subarray(0, SIGNATURE_BYTES);

  const invalid = (cursor: string) =>
    new BadUserInputError(
      `Invalid cursor '${cursor.slice(0, 40)}': use an endCursor or cursor from this list`,
      "after",
    );

  return {
    encode(list, scope, position) {
      const payload = Buffer.from(JSON.stringify([list, ...position])).toString("base64url");
      return `${payload}.${sign(payload, scope).toString("base64url")}`;
    },
    decode(list, scope, cursor) {
      if (cursor.length > MAX_CURSOR_LENGTH) throw invalid(cursor);
      const [payload, signature, extra] = cursor.split(".");
      if (!payload || !signature || extra !== undefined) throw invalid(cursor);
      // Compared as text, not decoded: Node's base64 decoder skips spaces, padding and a stray
      // last character, so decoded bytes would accept other spellings of one cursor.
      const expected = Buffer.from(sign(payload, scope).toString("base64url"));
      const given = Buffer.from(signature);
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw invalid(cursor);
      let decoded: unknown;
      try {
        decoded = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
      } catch {
        throw invalid(cursor);
      }
      if (!Array.isArray(decoded) || decoded[0] !== list) throw invalid(cursor);
      return decoded.slice(1) as CursorPosition;
    },
  };
}
