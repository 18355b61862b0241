import fs from "node:fs";
import { getOperationAST, parse, type OperationTypeNode } from "graphql";
import { GATEWAY_MANIFEST } from "../../src/trusted-documents/manifest";

/** One document of the gateway's trusted-documents manifest. */
export interface ManifestOperation {
  /** Its manifest id: the SHA-256 of `text`. */
  readonly id: string;
  /** The document exactly as the manifest holds it (what compiles). */
  readonly text: string;
  readonly name: string;
  readonly type: OperationTypeNode;
  /** The operation's variables, by name, as declared. */
  readonly variables: readonly string[];
}

/** Every document of schema/trusted-documents.json, in the manifest's order. */
export function gatewayManifestOperations(): ManifestOperation[] {
  const manifest = JSON.parse(fs.readFileSync(GATEWAY_MANIFEST, "utf8")) as Record<string, string>;
  return Object.entries(manifest).map(([id, text]) => {
    const operation = getOperationAST(parse(text));
    if (!operation?.name) throw new Error(`Manifest document ${id} has no single named operation`);
    return {
      id,
      text,
      name: operation.name.value,
      type: operation.operation,
      variables: (operation.variableDefinitions ?? []).map((definition) => definition.variable.name.value),
    };
  });
}

/** A label for test titles: the name and the start of the id (several documents share a name). */
export function labelOf(operation: ManifestOperation): string {
  return `${operation.type} ${operation.name} (${operation.id.slice(0, 8)})`;
}

/**
 * The same document spelled so that it is no longer a manifest text (its
 * SHA-256 differs) while every location in it stays put: a trailing comment.
 * Under TRUSTED_DOCUMENTS=off it runs, and runs interpreted.
 */
export function untrustedSpelling(text: string): string {
  return `${text}\n# the same document, spelled differently\n`;
}
