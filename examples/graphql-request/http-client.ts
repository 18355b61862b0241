import { GraphQLClient } from "graphql-request";
import * as documents from "./generated/graphql";
import { documentIdsByOperationName, fetchSendingDocumentIds } from "./persisted-documents-fetch";

export interface HttpClientOptions {
  /** The gateway's GraphQL endpoint, e.g. http://localhost:4000/graphql. */
  url: string;
  /** The bearer token, read for every request: a refreshed token is used from the next request on. */
  token: () => string | null;
  /**
   * How queries travel (mutations are always POST). A signed-in GET passes the
   * gateway's CSRF prevention because it carries `Authorization`, which no
   * cross-site form or image can send without a CORS preflight.
   */
  method?: "GET" | "POST";
  /** The fetch underneath (the platform's by default). */
  fetch?: typeof fetch;
}

const documentIds = documentIdsByOperationName(Object.values(documents));

/** graphql-request's client for the gateway: the current token on every request, documents sent by their id. */
export function createHttpClient(options: HttpClientOptions): GraphQLClient {
  return new GraphQLClient(options.url, {
    method: options.method ?? "POST",
    headers: (): Record<string, string> => {
      const token = options.token();
      return token ? { authorization: `Bearer ${token}` } : {};
    },
    fetch: fetchSendingDocumentIds(documentIds, options.fetch ?? fetch),
  });
}
