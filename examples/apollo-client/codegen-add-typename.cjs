// The client preset's __typename transform, as a module codegen.yml can name
// (YAML cannot import it). Apollo Client adds __typename to every selection set
// before it sends a document, and its cache needs it in every result; adding it
// at codegen time makes the persisted document, its hash and the types say the
// same as what Apollo sends and reads.
module.exports = require("@graphql-codegen/client-preset").addTypenameSelectionDocumentTransform;
