// @ts-check
/*
 * The client preset's __typename transform, as a module codegen.yml can name
 * (YAML cannot import it; codegen wants the module itself to be the transform).
 *
 * Apollo Client and urql's graphcache key every entity by __typename and id,
 * and both add __typename to each selection set of what they send. A client
 * that sends only a hash never sends those additions: the gateway runs the
 * persisted text as the manifest has it. So __typename is added at codegen
 * time, and the persisted document, its hash, the generated types and the
 * results all carry it.
 */
module.exports = require("@graphql-codegen/client-preset").addTypenameSelectionDocumentTransform;
