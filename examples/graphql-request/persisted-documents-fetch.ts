import type { DocumentNode } from "graphql";

/*
 * graphql-request always sends a document's text (`query`). The gateway in
 * production (TRUSTED_DOCUMENTS=require) runs only the documents of its
 * manifest, and takes their hash instead of the text: GraphQL over HTTP's
 * `documentId`, "sha256:<hex>", which is exactly what codegen's client preset
 * puts in each document's `__meta__.hash` (and in persisted-documents.json,
 * which `npm run codegen` merges into the manifest).
 *
 * graphql-request has no persisted-documents option, and its requestMiddleware
 * runs before a GET's query string is built, so the swap happens in the fetch
 * it is given: for the operations it knows, the text goes and the id takes its
 * place, in a POST body and in a GET URL alike.
 *
 * Why not send the text? The manifest holds the preset's hashes over its own
 * normalised print (sorted fields, one line) and the graphql-js print of
 * operations.graphql; graphql-request sends graphql-js's print of the preset's
 * document, whose fragments come in another order than in the file. So a
 * document with fragments is not found by its text, only by its hash.
 */

/** A document from codegen's client preset with `persistedDocuments: true`. */
type PersistedDocument = DocumentNode & { __meta__?: { hash?: unknown } };

/**
 * The document id of each named operation among `documents` (pass
 * `Object.values(await import("./generated/graphql"))`: every typed document the preset wrote).
 */
export function documentIdsByOperationName(documents: Iterable<unknown>): Map<string, string> {
  const ids = new Map<string, string>();
  for (const candidate of documents) {
    const document = candidate as PersistedDocument;
    const hash = document?.__meta__?.hash;
    if (document?.kind !== "Document" || typeof hash !== "string") continue;
    for (const definition of document.definitions) {
      if (definition.kind === "OperationDefinition" && definition.name) ids.set(definition.name.value, hash);
    }
  }
  return ids;
}

/**
 * A fetch for graphql-request's `fetch` option that sends `documentId` instead
 * of `query` for every operation in `documentIds` (keyed by operation name,
 * which codegen keeps unique); other requests go out as they came.
 */
export function fetchSendingDocumentIds(
  documentIds: ReadonlyMap<string, string>,
  fetchImpl: typeof fetch = fetch,
): typeof fetch {
  return (input, init) => {
    if (input instanceof Request) return fetchImpl(input, init);
    const url = new URL(input);
    if ((init?.method ?? "GET").toUpperCase() === "GET") {
      const documentId = documentIds.get(url.searchParams.get("operationName") ?? "");
      if (documentId) {
        url.searchParams.delete("query");
        url.searchParams.set("documentId", documentId);
      }
      return fetchImpl(url, init);
    }
    if (typeof init?.body !== "string") return fetchImpl(url, init);
    const { query: _text, ...body } = JSON.parse(init.body) as { query?: string; operationName?: string };
    const documentId = documentIds.get(body.operationName ?? "");
    if (!documentId) return fetchImpl(url, init);
    return fetchImpl(url, { ...init, body: JSON.stringify({ documentId, ...body }) });
  };
}
