import { GraphQLError } from "graphql";

/**
 * Without introspection, "Did you mean …?" hints would leak the schema one
 * field at a time: they are cut from validation messages (as Apollo does over HTTP).
 */
export function hideSuggestions(error: GraphQLError): GraphQLError {
  const message = error.message.replace(/ ?Did you mean .+\?$/, "");
  if (message === error.message) return error;
  return new GraphQLError(message, { nodes: error.nodes, extensions: error.extensions });
}
