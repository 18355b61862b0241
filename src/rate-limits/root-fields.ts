import { Kind, type DocumentNode, type FragmentDefinitionNode, type OperationDefinitionNode } from "graphql";
import { selectedFields } from "../selected-fields";

/**
 * The names of the fields an operation selects at its root, one per
 * selection (aliases repeat a name), through fragments and inline fragments.
 * `@skip`/`@include` are not evaluated: a field that may run is counted.
 */
export function rootFieldNames(document: DocumentNode, operation: OperationDefinitionNode): string[] {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  return selectedFields([operation.selectionSet], fragments)
    .map((field) => field.name.value)
    .filter((name) => name !== "__typename");
}
