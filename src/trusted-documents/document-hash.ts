import { createHash } from "node:crypto";
import { parse, print } from "graphql";

/** SHA-256 in lowercase hex: what Apollo Client's persisted-queries link sends as `sha256Hash`. */
export function sha256Hex(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

/**
 * A document's printed form, `print(parse(text))`: the same for any spelling of
 * one document (whitespace, comments, commas). Throws a GraphQLError when the
 * text does not parse or has more than `maxTokens` tokens.
 */
export function printedText(text: string, maxTokens?: number): string {
  return print(parse(text, { maxTokens }));
}
