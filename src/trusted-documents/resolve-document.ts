import type { TrustedDocumentsPolicy } from "../config";
import { DocumentRefusedError } from "../errors";
import { printedText, sha256Hex } from "./document-hash";
import type { TrustedDocuments } from "./manifest";
import type { RegisteredDocuments } from "./registered-documents";

/** What a request says about its document, on either transport. */
export interface DocumentRequest {
  /** The text; "" counts as absent (graphql-ws requires a string, so hash-only clients send ""). */
  readonly query?: string;
  readonly extensions?: Readonly<Record<string, unknown>> | null;
  /** GraphQL over HTTP's persisted documents: `sha256:<hex>` or bare hex. */
  readonly documentId?: unknown;
}

/**
 * The text to run (undefined when the request carries neither text nor hash,
 * left for the transport to refuse as it always has), or why nothing runs.
 */
export type ResolveDocument = (request: DocumentRequest) => { query: string | undefined } | DocumentRefusedError;

const SHA256_HEX = /^[0-9a-f]{64}$/i;
const DOCUMENT_ID = /^(?:sha256:)?([0-9a-f]{64})$/i;

/**
 * Decides which text a request runs, before anything parses it, for HTTP
 * (src/trusted-documents/trusted-documents.middleware.ts) and graphql-ws alike.
 *
 * - A hash alone (`extensions.persistedQuery.sha256Hash`, version 1, or
 *   `documentId`) runs the manifest document with that id; under `off` also a
 *   document registered earlier by automatic persisted queries. Otherwise 404
 *   PERSISTED_QUERY_NOT_FOUND.
 * - A hash with its text must be the text's SHA-256 (400 PERSISTED_QUERY_INVALID
 *   otherwise). Under `off` this registers the text (Apollo's APQ); under
 *   `require` nothing is registered and the text must be trusted.
 * - A text alone runs as sent under `off`. Under `require` it runs only when its
 *   printed form is a manifest document (whatever its whitespace and comments),
 *   and then the manifest's text is what runs; otherwise 403 PERSISTED_QUERY_NOT_TRUSTED.
 * - A malformed hash, a version other than 1, or two hashes that differ: 400
 *   PERSISTED_QUERY_INVALID, under both policies.
 */
export function createDocumentResolver(options: {
  policy: TrustedDocumentsPolicy;
  documents: TrustedDocuments;
  registered: RegisteredDocuments;
  maxTokens: number;
}): ResolveDocument {
  const { policy, documents, registered } = options;
  // A text with more tokens than every trusted document is not one of them: stop parsing there.
  const maxTokens = Math.min(options.maxTokens, documents.maxTokens);

  const trustedText = (text: string): string | undefined => {
    // A client that sends a manifest's text, or print(document), is found without parsing.
    const exact = documents.byText.get(text);
    if (exact !== undefined) return exact;
    try {
      return documents.byText.get(printedText(text, maxTokens));
    } catch {
      return undefined;
    }
  };
  const notTrusted = () =>
    new DocumentRefusedError(
      "This document is not one of the gateway's trusted documents; send a registered document or its hash",
      "PERSISTED_QUERY_NOT_TRUSTED",
      403,
    );

  return (request) => {
    const hash = requestedHash(request);
    if (hash instanceof DocumentRefusedError) return hash;
    const query = request.query === "" ? undefined : request.query;

    if (hash === null) {
      if (query === undefined || policy === "off") return { query };
      const trusted = trustedText(query);
      return trusted !== undefined ? { query: trusted } : notTrusted();
    }

    if (query === undefined) {
      const known = documents.byId.get(hash) ?? (policy === "off" ? registered.get(hash) : undefined);
      if (known !== undefined) return { query: known };
      return new DocumentRefusedError(
        `No document is registered under the hash '${hash}'`,
        "PERSISTED_QUERY_NOT_FOUND",
        404,
      );
    }

    if (sha256Hex(query) !== hash) {
      return invalid(`The hash '${hash}' is not the SHA-256 of the query sent with it`);
    }
    if (documents.byId.has(hash)) return { query };
    if (policy === "off") {
      registered.register(hash, query);
      return { query };
    }
    const trusted = trustedText(query);
    return trusted !== undefined ? { query: trusted } : notTrusted();
  };
}

/** The lower-case hex hash the request names, null when it names none. */
function requestedHash(request: DocumentRequest): string | null | DocumentRefusedError {
  let fromExtension: string | null = null;
  const persistedQuery = request.extensions?.persistedQuery;
  if (persistedQuery !== undefined && persistedQuery !== null) {
    if (typeof persistedQuery !== "object" || Array.isArray(persistedQuery)) {
      return invalid("extensions.persistedQuery must be an object: { version: 1, sha256Hash: <64 hex digits> }");
    }
    const { version, sha256Hash } = persistedQuery as Record<string, unknown>;
    if (version !== 1) return invalid(`Unsupported persisted query version '${String(version)}': only 1 is known`);
    if (typeof sha256Hash !== "string" || !SHA256_HEX.test(sha256Hash)) {
      return invalid("extensions.persistedQuery.sha256Hash must be a SHA-256 in hex (64 digits)");
    }
    fromExtension = sha256Hash.toLowerCase();
  }

  let fromDocumentId: string | null = null;
  if (request.documentId !== undefined && request.documentId !== null) {
    const match = typeof request.documentId === "string" ? DOCUMENT_ID.exec(request.documentId) : null;
    if (!match) return invalid("documentId must be 'sha256:' followed by a SHA-256 in hex (64 digits)");
    fromDocumentId = match[1]!.toLowerCase();
  }

  if (fromExtension && fromDocumentId && fromExtension !== fromDocumentId) {
    return invalid("documentId and extensions.persistedQuery.sha256Hash name different documents");
  }
  return fromExtension ?? fromDocumentId;
}

function invalid(message: string): DocumentRefusedError {
  return new DocumentRefusedError(message, "PERSISTED_QUERY_INVALID", 400);
}
