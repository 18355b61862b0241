/*
 * Without introspection, "Did you mean …?" hints would leak the schema one
 * name at a time: field names in validation errors, input field names and
 * enum values in the errors of coercing variables. graphql-js always puts the
 * hint at the end of the message. src/format-error.ts drops it for both transports.
 */
const SUGGESTION = / ?Did you mean .+\?$/;

/** The message without its trailing "Did you mean …?" hint. */
export function withoutSuggestions(message: string): string {
  return message.replace(SUGGESTION, "");
}
