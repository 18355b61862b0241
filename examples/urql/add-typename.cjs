// @ts-check
/*
 * codegen.yml names document transforms by module, and wants the module itself
 * to be the transform: this hands over the client preset's own. graphcache keys
 * every entity by __typename and id, and the gateway runs a persisted
 * document's text as the manifest has it, so the __typename urql would add to
 * the text it sends must already be in the document behind the hash.
 */
module.exports = require("@graphql-codegen/client-preset").addTypenameSelectionDocumentTransform;
