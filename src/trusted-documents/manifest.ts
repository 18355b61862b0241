import fs from "node:fs";
import path from "node:path";
import { Kind, Lexer, parse, print, Source, TokenKind, type DocumentNode } from "graphql";
import { ConfigError } from "../config";
import { sha256Hex } from "./document-hash";

/** The manifest `npm run codegen` writes: the documents of the project's own clients. */
export const GATEWAY_MANIFEST = path.join(projectRoot(__dirname), "schema", "trusted-documents.json");

/** The documents the gateway runs under TRUSTED_DOCUMENTS=require. */
export interface TrustedDocuments {
  /** Manifest id (the SHA-256 of the body as written) → body. */
  readonly byId: ReadonlyMap<string, string>;
  /**
   * The printed body, and the body as written, → body: finds a document sent in
   * full, however it is spelled (print(parse(text)) is one text for every
   * spelling). Keyed by the text itself, not its SHA-256: a Map lookup of the
   * Dashboard's 1.5 KB costs far less than hashing it, on every request.
   */
  readonly byText: ReadonlyMap<string, string>;
  /**
   * Tokens of the longest document: a text with more cannot print to any of
   * them (comments and commas are not tokens), so parsing stops there.
   */
  readonly maxTokens: number;
  /** The names of the manifests' operations (the metrics label them as they are, whatever their number). */
  readonly operationNames: ReadonlySet<string>;
}

/**
 * Reads the gateway's manifest and the extra ones (TRUSTED_DOCUMENTS_MANIFESTS).
 * Two formats are accepted: a JSON object `{ "<sha256 hex>": "<document>" }`
 * (what codegen/trusted-documents.cjs writes, and codegen's client preset with
 * `persistedDocuments: { hashAlgorithm: "sha256" }`), and Apollo's
 * `{ "format": "apollo-persisted-query-manifest", "version": 1, "operations": [{ "id", "body", … }] }`.
 * Every id must be the SHA-256 of its body and every body must parse; otherwise
 * start-up stops with a ConfigError naming the file and the entry.
 */
export function loadTrustedDocuments(files: readonly string[]): TrustedDocuments {
  const byId = new Map<string, string>();
  const byPrintedText = new Map<string, string>();
  const printedOf = new Map<string, string>();
  const operationNames = new Set<string>();
  let maxTokens = 0;
  for (const file of files) {
    for (const [id, body] of readManifest(file)) {
      if (sha256Hex(body) !== id) {
        throw new ConfigError(
          `Trusted documents manifest ${file} has entry '${id}', which is not the SHA-256 of its body`,
        );
      }
      let printed: string;
      let document: DocumentNode;
      try {
        document = parse(body);
        printed = print(document);
      } catch (error) {
        throw new ConfigError(
          `Trusted documents manifest ${file} has entry '${id}', which does not parse: ${(error as Error).message}`,
        );
      }
      byId.set(id, body);
      byPrintedText.set(printed, body);
      printedOf.set(body, printed);
      maxTokens = Math.max(maxTokens, tokenCount(printed));
      for (const definition of document.definitions) {
        if (definition.kind === Kind.OPERATION_DEFINITION && definition.name) operationNames.add(definition.name.value);
      }
    }
  }
  // A body as written runs what its printed form runs (the last manifest's body, when two print alike).
  const byText = new Map(byPrintedText);
  for (const [body, printed] of printedOf) byText.set(body, byPrintedText.get(printed)!);
  return { byId, byText, maxTokens, operationNames };
}

/** Tokens as graphql-js's parser counts them for `maxTokens`. */
function tokenCount(text: string): number {
  const lexer = new Lexer(new Source(text));
  let count = 0;
  while (lexer.advance().kind !== TokenKind.EOF) count += 1;
  return count;
}

function readManifest(file: string): Array<[string, string]> {
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (error) {
    throw new ConfigError(`Trusted documents manifest ${file} cannot be read as JSON: ${(error as Error).message}`);
  }
  const invalid = (why: string) =>
    new ConfigError(
      `Trusted documents manifest ${file} ${why}; expected { "<sha256>": "<document>" } or Apollo's persisted query manifest`,
    );
  if (!isRecord(json)) throw invalid("is not a JSON object");
  if ("format" in json) {
    if (json.format !== "apollo-persisted-query-manifest" || json.version !== 1 || !Array.isArray(json.operations)) {
      throw invalid(`has format '${String(json.format)}' version '${String(json.version)}'`);
    }
    return json.operations.map((operation: unknown, index: number): [string, string] => {
      if (!isRecord(operation) || typeof operation.id !== "string" || typeof operation.body !== "string") {
        throw invalid(`has an operation (index ${index}) without a string id and body`);
      }
      return [operation.id, operation.body];
    });
  }
  return Object.entries(json).map(([id, body]): [string, string] => {
    if (typeof body !== "string") throw invalid(`has entry '${id}' whose document is not a string`);
    return [id, body];
  });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function projectRoot(start: string): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, "package.json"))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`No package.json above ${start}`);
  }
}
