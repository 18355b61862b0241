import { createHash } from "node:crypto";
import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import { print, type DocumentNode } from "graphql";
import { createClient } from "graphql-ws";
import WebSocket from "ws";
import { formatCounts, formatDashboard } from "./dashboard-format";
import {
  DashboardSummaryDocument,
  LiveCountsDocument,
  SignInDocument,
  type LiveCountsSubscription,
} from "./generated/operations";

/*
 * The smallest real client of the gateway: sign in over HTTP, print the
 * dashboard, then follow the live counts over graphql-ws. The documents are
 * typed by codegen (examples/operations/ → examples/generated/operations.ts),
 * so `data` below has the exact shape of each selection.
 *
 * It sends each document by its hash only, as Apollo Client's persisted-queries
 * link does: `extensions.persistedQuery.sha256Hash`, the SHA-256 of
 * `print(document)`. `npm run codegen` lists the same documents under the same
 * hashes in the gateway's trusted documents, which is all a production gateway
 * (TRUSTED_DOCUMENTS=require) runs.
 */

export interface DashboardClientOptions {
  /** The gateway's GraphQL endpoint, e.g. http://localhost:4000/graphql (the websocket is the same URL). */
  url: string;
  email: string;
  password: string;
  /** Where the output goes (one line per call); console.log by default. */
  log?: (line: string) => void;
  /** Stops following the live counts; the function then resolves. */
  signal?: AbortSignal;
}

export async function runDashboardClient(options: DashboardClientOptions): Promise<void> {
  const { url, email, password, log = console.log, signal } = options;

  const { login } = await request(url, SignInDocument, { email, password });
  log(`Signed in as ${login.user.name} (${email})`);

  const { dashboard } = await request(url, DashboardSummaryDocument, {}, login.token);
  for (const line of formatDashboard(dashboard)) log(line);

  log("");
  log("Following live counts (Ctrl-C to stop)…");
  await followLiveCounts(url, login.token, (counts) => log(`live: ${formatCounts(counts)}`), signal);
}

/** One operation over HTTP POST; a GraphQL error becomes a thrown Error with the server's message. */
async function request<TData, TVariables>(
  url: string,
  document: TypedDocumentNode<TData, TVariables>,
  variables: TVariables,
  token?: string,
): Promise<TData> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ variables, extensions: persistedQuery(document) }),
  });
  const body = (await response.json()) as { data?: TData | null; errors?: Array<{ message: string }> };
  if (body.errors?.length || !body.data) {
    throw new Error(body.errors?.map((error) => error.message).join("; ") || `HTTP ${response.status}`);
  }
  return body.data;
}

const hashes = new WeakMap<DocumentNode, string>();

/** Apollo's persisted-query extension for a document: its hash instead of its text. */
function persistedQuery(document: DocumentNode): { persistedQuery: { version: 1; sha256Hash: string } } {
  let sha256Hash = hashes.get(document);
  if (!sha256Hash) {
    sha256Hash = createHash("sha256").update(print(document)).digest("hex");
    hashes.set(document, sha256Hash);
  }
  return { persistedQuery: { version: 1, sha256Hash } };
}

type Counts = LiveCountsSubscription["notificationCounts"];

/**
 * The gateway authenticates a websocket once, from connectionParams; it sends
 * the current counts at once, then again each time one changes.
 */
async function followLiveCounts(
  httpUrl: string,
  token: string,
  onCounts: (counts: Counts) => void,
  signal?: AbortSignal,
): Promise<void> {
  if (signal?.aborted) return;
  const client = createClient({
    url: httpUrl.replace(/^http/, "ws"),
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${token}` },
  });
  try {
    await new Promise<void>((resolve, reject) => {
      const unsubscribe = client.subscribe<LiveCountsSubscription>(
        // graphql-ws requires a string `query`: "" with the hash.
        { query: "", extensions: persistedQuery(LiveCountsDocument) },
        {
          next: (result) => {
            if (result.data) onCounts(result.data.notificationCounts);
            else reject(new Error(result.errors?.map((error) => error.message).join("; ")));
          },
          error: (error) => reject(asError(error)),
          complete: resolve,
        },
      );
      signal?.addEventListener(
        "abort",
        () => {
          unsubscribe();
          resolve();
        },
        { once: true },
      );
    });
  } finally {
    await client.dispose();
  }
}

/** graphql-ws reports a refused or lost connection as the socket's close event. */
function asError(error: unknown): Error {
  if (error instanceof Error) return error;
  if (Array.isArray(error)) return new Error(error.map((item: { message?: string }) => item.message).join("; "));
  const { code, reason } = (error ?? {}) as { code?: number; reason?: string };
  return new Error(`The live connection closed (${code ?? "?"}${reason ? `: ${reason}` : ""})`);
}
