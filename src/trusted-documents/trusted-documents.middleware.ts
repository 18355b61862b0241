import type { RequestHandler, Response } from "express";
import { DocumentRefusedError } from "../errors";
import type { DocumentRequest, ResolveDocument } from "./resolve-document";

/**
 * HTTP's side of trusted documents, in front of Apollo (after express.json):
 * resolves the request's hash or text with `resolve`, then hands Apollo the
 * text to run and no hash (Apollo's own APQ is off; this does it for both
 * transports). A refusal is answered here with its status, before anything
 * parses the document. POST reads the JSON body; GET reads `query`,
 * `extensions` (JSON) and `documentId` from the query string. `onRefused`
 * hears of each refusal (the metrics), with the time it took.
 */
export function trustedDocumentsMiddleware(
  resolve: ResolveDocument,
  onRefused?: (error: DocumentRefusedError, seconds: number) => void,
): RequestHandler {
  return (req, res, next) => {
    const started = onRefused ? process.hrtime.bigint() : 0n;
    const refuse = (response: Response, error: DocumentRefusedError) => {
      onRefused?.(error, Number(process.hrtime.bigint() - started) / 1e9);
      answerRefusal(response, error);
    };
    if (req.method === "POST") {
      const body: unknown = req.body;
      // Not an object (no JSON, a batch): Apollo refuses it without running anything.
      if (!isRecord(body)) return next();
      const request = postRequest(body);
      if (request instanceof DocumentRefusedError) return refuse(res, request);
      if (request === null) return next();
      const resolved = resolve(request);
      if (resolved instanceof DocumentRefusedError) return refuse(res, resolved);
      const { documentId: _documentId, query: _query, extensions: _extensions, ...rest } = body;
      const extensions = withoutPersistedQuery(request.extensions);
      // Apollo refuses a present-but-undefined `extensions`: only what is set goes in.
      req.body = { ...rest, query: resolved.query, ...(extensions ? { extensions } : {}) };
      return next();
    }
    if (req.method === "GET") {
      const questionMark = req.url.indexOf("?");
      if (questionMark < 0) return next();
      const params = new URLSearchParams(req.url.slice(questionMark + 1));
      const request = getRequest(params);
      if (request instanceof DocumentRefusedError) return refuse(res, request);
      if (request === null) return next();
      const resolved = resolve(request);
      if (resolved instanceof DocumentRefusedError) return refuse(res, resolved);
      params.delete("documentId");
      if (resolved.query === undefined) params.delete("query");
      else params.set("query", resolved.query);
      const extensions = withoutPersistedQuery(request.extensions);
      if (extensions) params.set("extensions", JSON.stringify(extensions));
      else params.delete("extensions");
      req.url = `${req.url.slice(0, questionMark)}?${params.toString()}`;
      return next();
    }
    return next();
  };
}

/** null: nothing to resolve (no text, no hash), left to Apollo as it is. */
function postRequest(body: Record<string, unknown>): DocumentRequest | DocumentRefusedError | null {
  const { query, extensions, documentId } = body;
  if (query !== undefined && query !== null && typeof query !== "string") {
    return badRequest("`query` must be a string");
  }
  if (extensions !== undefined && extensions !== null && !isRecord(extensions)) {
    return badRequest("`extensions` must be an object");
  }
  if (!query && !extensions?.persistedQuery && (documentId === undefined || documentId === null)) return null;
  return { query: query ?? undefined, extensions: extensions ?? undefined, documentId };
}

function getRequest(params: URLSearchParams): DocumentRequest | DocumentRefusedError | null {
  for (const name of ["query", "extensions", "documentId"]) {
    if (params.getAll(name).length > 1) return badRequest(`The '${name}' parameter may only be given once`);
  }
  const query = params.get("query") ?? undefined;
  const documentId = params.get("documentId") ?? undefined;
  let extensions: unknown;
  const extensionsText = params.get("extensions");
  if (extensionsText !== null) {
    try {
      extensions = JSON.parse(extensionsText);
    } catch {
      return badRequest("The 'extensions' parameter is not valid JSON");
    }
    if (!isRecord(extensions)) return badRequest("The 'extensions' parameter must be a JSON object");
  }
  const record = extensions as Record<string, unknown> | undefined;
  if (!query && !record?.persistedQuery && documentId === undefined) return null;
  return { query, extensions: record, documentId };
}

function withoutPersistedQuery(
  extensions: Readonly<Record<string, unknown>> | null | undefined,
): Record<string, unknown> | undefined {
  if (!extensions) return undefined;
  const { persistedQuery: _persistedQuery, ...rest } = extensions;
  return Object.keys(rest).length > 0 ? rest : undefined;
}

function answerRefusal(res: Response, error: DocumentRefusedError): void {
  // A refusal depends on the deployment's manifest: no cache may keep it.
  res.status(error.status).set("cache-control", "private, no-cache, must-revalidate");
  res.json({ errors: [{ message: error.message, extensions: { code: error.extensions.code } }] });
}

function badRequest(message: string): DocumentRefusedError {
  return new DocumentRefusedError(message, "BAD_REQUEST", 400);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
