// @ts-check
/*
 * A codegen plugin (codegen.yml) that writes the trusted-documents manifest:
 * { "<sha256 hex>": "<document>" } for every operation of its documents.
 *
 * Each document is what a client sends for that operation: the operation
 * followed by the fragments it spreads (transitively, each once, in the order
 * they are first spread), printed by graphql-js `print`. That is the text the
 * typed-document-node documents print to, and the hash is SHA-256 of it, as
 * Apollo Client's persisted-queries link computes it (`sha256(print(document))`).
 */
const crypto = require("node:crypto");
const { Kind, print, visit } = require("graphql");

/** @type {import("@graphql-codegen/plugin-helpers").PluginFunction} */
function plugin(_schema, documents) {
  /** @type {Map<string, import("graphql").FragmentDefinitionNode>} */
  const fragments = new Map();
  /** @type {import("graphql").OperationDefinitionNode[]} */
  const operations = [];
  for (const source of documents) {
    for (const definition of source.document?.definitions ?? []) {
      if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
      if (definition.kind === Kind.OPERATION_DEFINITION) operations.push(definition);
    }
  }

  /** @type {Record<string, string>} */
  const manifest = {};
  for (const operation of operations) {
    const body = print({ kind: Kind.DOCUMENT, definitions: [operation, ...spreadFragments(operation, fragments)] });
    manifest[sha256(body)] = body;
  }
  const sorted = Object.fromEntries(Object.entries(manifest).sort(([a], [b]) => (a < b ? -1 : 1)));
  return `${JSON.stringify(sorted, null, 2)}\n`;
}

/**
 * @param {import("graphql").ASTNode} node
 * @param {Map<string, import("graphql").FragmentDefinitionNode>} fragments
 */
function spreadFragments(node, fragments, seen = new Set()) {
  /** @type {import("graphql").FragmentDefinitionNode[]} */
  const used = [];
  visit(node, {
    FragmentSpread(spread) {
      const name = spread.name.value;
      if (seen.has(name)) return;
      const fragment = fragments.get(name);
      if (!fragment) throw new Error(`Fragment ${name} is spread but not defined in the documents`);
      seen.add(name);
      used.push(fragment, ...spreadFragments(fragment, fragments, seen));
    },
  });
  return used;
}

/** @param {string} text */
function sha256(text) {
  return crypto.createHash("sha256").update(text).digest("hex");
}

module.exports = { plugin };
