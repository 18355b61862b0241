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
 *
 * `config.persistedDocuments` names persisted-documents.json files written by
 * codegen's client preset (`"sha256:<hex>": "<document>"`, the document printed
 * the preset's way): their entries join the manifest as they are, since those
 * hashes are what the apps send. Each hash is checked against its text.
 */
const crypto = require("node:crypto");
const fs = require("node:fs");
const path = require("node:path");
const { Kind, print, visit } = require("graphql");

/** @type {import("@graphql-codegen/plugin-helpers").PluginFunction<{ persistedDocuments?: string }>} */
function plugin(_schema, documents, config) {
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
  for (const file of persistedDocumentFiles(config.persistedDocuments)) {
    for (const [id, body] of Object.entries(JSON.parse(fs.readFileSync(file, "utf8")))) {
      const hash = id.replace(/^sha256:/, "");
      if (hash !== sha256(body)) throw new Error(`${file}: ${id} is not the SHA-256 of its document`);
      manifest[hash] = body;
    }
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

/**
 * The files a `dir/*\/rest` pattern names (one `*`, standing for one folder), sorted.
 * @param {string | undefined} pattern
 */
function persistedDocumentFiles(pattern) {
  if (!pattern) return [];
  const [before, after] = pattern.split("*");
  if (after === undefined) return fs.existsSync(pattern) ? [pattern] : [];
  const folder = path.resolve(before);
  return fs
    .readdirSync(folder, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => path.join(folder, entry.name + after))
    .filter((file) => fs.existsSync(file))
    .sort();
}

/** @param {string} text */
function sha256(text) {
  return crypto.createHash("sha256").update(text).digest("hex");
}

module.exports = { plugin };
