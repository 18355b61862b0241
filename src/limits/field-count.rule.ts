import {
  GraphQLError,
  Kind,
  type ASTVisitor,
  type DocumentNode,
  type FragmentDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
} from "graphql";

/** Counts stop growing here: a fan-out of fragments can ask for 2^1000 fields, which no double holds exactly. */
export const SATURATED_COUNT = Number.MAX_SAFE_INTEGER;

const add = (a: number, b: number): number => Math.min(a + b, SATURATED_COUNT);

/**
 * The fields of all the document's operations once each fragment spread is
 * replaced by the fragment's fields, in time linear in the document: each
 * fragment is counted once and that count added for each of its spreads.
 * A spread of an unknown fragment, or one that spreads itself back (both
 * reported by graphql-js's own rules), counts nothing; counts saturate at
 * SATURATED_COUNT.
 */
export function expandedFieldCount(document: DocumentNode): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  // A fragment being counted is in the map with 0, so a cycle back to it adds nothing.
  const counted = new Map<string, number>();

  const fieldsOfFragment = (name: string): number => {
    const known = counted.get(name);
    if (known !== undefined) return known;
    const fragment = fragments.get(name);
    if (!fragment) return 0;
    counted.set(name, 0);
    const count = fieldsIn(fragment.selectionSet);
    counted.set(name, count);
    return count;
  };

  const fieldsIn = (selectionSet: SelectionSetNode): number => {
    let count = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        count = add(count, selection.selectionSet ? add(1, fieldsIn(selection.selectionSet)) : 1);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        count = add(count, fieldsIn(selection.selectionSet));
      } else {
        count = add(count, fieldsOfFragment(selection.name.value));
      }
    }
    return count;
  };

  let total = 0;
  for (const definition of document.definitions) {
    if (definition.kind === Kind.OPERATION_DEFINITION) total = add(total, fieldsIn(definition.selectionSet));
  }
  return total;
}

/**
 * Refuses a document that asks for more than `maxFields` fields with its
 * fragments expanded: the work of validating, costing and executing it grows
 * with that number, which a few spreads can multiply far beyond its size.
 */
export function fieldCountRule(maxFields: number): ValidationRule {
  return (context: ValidationContext): ASTVisitor => ({
    Document(document) {
      const count = expandedFieldCount(document);
      if (count <= maxFields) return;
      const counted = count >= SATURATED_COUNT ? `more than ${SATURATED_COUNT}` : String(count);
      context.reportError(
        new GraphQLError(
          `The document selects ${counted} fields once its fragments are expanded; the limit is ${maxFields}`,
        ),
      );
    },
  });
}
