/** The label of an operation that has no name. */
export const ANONYMOUS_OPERATION = "anonymous";
/** The label of every name past the cap (and of names too long or not GraphQL names). */
export const OTHER_OPERATION = "other";
/** The label of an operation refused before its document was read (not trusted, a parse failure, a rate). */
export const UNKNOWN_OPERATION = "unknown";

/** Longer names are folded into `other`: a label is not the place for a document's prose. */
export const MAX_OPERATION_NAME_LENGTH = 64;

const GRAPHQL_NAME = /^[_A-Za-z][_0-9A-Za-z]*$/;
const RESERVED = new Set([ANONYMOUS_OPERATION, OTHER_OPERATION, UNKNOWN_OPERATION]);

/**
 * The `operation_name` label, bounded: the trusted documents' names always
 * (the operators chose them), other names taken from the documents
 * themselves until `cap` distinct ones were seen, first come first kept, then
 * `other` for every new one, so 10,000 made-up names cost at most `cap`
 * series. A name that is not a GraphQL name, longer than
 * MAX_OPERATION_NAME_LENGTH, or spelled like one of the fixed labels is `other` too.
 */
export function createOperationNameLabels(
  trusted: ReadonlySet<string>,
  cap: number,
): (name: string | null | undefined) => string {
  const admitted = new Set<string>();
  return (name) => {
    if (name === null || name === undefined) return ANONYMOUS_OPERATION;
    if (trusted.has(name) || admitted.has(name)) return name;
    if (admitted.size >= cap || name.length > MAX_OPERATION_NAME_LENGTH) return OTHER_OPERATION;
    if (!GRAPHQL_NAME.test(name) || RESERVED.has(name)) return OTHER_OPERATION;
    admitted.add(name);
    return name;
  };
}
