import { print, type DocumentNode } from "graphql";

/*
 * How the widget names a document to the gateway: by its hash only, as
 * Apollo's persisted-queries link does (`extensions.persistedQuery.sha256Hash`,
 * the SHA-256 of `print(document)`), the same hash `npm run codegen` lists in
 * schema/trusted-documents.json. A page served from an insecure origin has no
 * `crypto.subtle`: it sends the text instead, which the gateway matches against
 * the same manifest.
 */

export type DocumentPayload =
  | { query: ""; extensions: { persistedQuery: { version: 1; sha256Hash: string } } }
  | { query: string; extensions?: undefined };

const payloads = new WeakMap<DocumentNode, Promise<DocumentPayload>>();

/** The document part of a request (HTTP body or graphql-ws subscribe payload); `query` is "" with a hash. */
export function documentPayload(document: DocumentNode): Promise<DocumentPayload> {
  let payload = payloads.get(document);
  if (!payload) {
    payload = payloadOf(print(document));
    payloads.set(document, payload);
  }
  return payload;
}

async function payloadOf(text: string): Promise<DocumentPayload> {
  if (!globalThis.crypto?.subtle) return { query: text };
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  const sha256Hash = Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, "0")).join("");
  return { query: "", extensions: { persistedQuery: { version: 1, sha256Hash } } };
}
