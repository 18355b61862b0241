import {
  getNamedType,
  isAbstractType,
  isInterfaceType,
  isListType,
  isNonNullType,
  isObjectType,
  Kind,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLError,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLOutputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from "graphql";
import { selectedFields } from "../selected-fields";

/*
 * When a non-null field fails, graphql-js nulls the nearest nullable position
 * above it and reports that failure; the other non-null failures that would
 * null the same position are not reported (graphql-js stops completing the
 * object at the first). graphql-jit reports them all, so the compiled path
 * keeps, per nulled position, the first.
 */

/** The operation an answer is for, to find the type of each position of its errors' paths. */
export interface AnsweredOperation {
  readonly schema: GraphQLSchema;
  readonly document: DocumentNode;
  readonly operation: OperationDefinitionNode;
}

/** The errors as graphql-js would report them: one per position nulled by non-null failures. */
export function firstErrorPerNulledPosition(
  errors: readonly GraphQLError[],
  answered: AnsweredOperation,
): GraphQLError[] {
  const nulled = new Set<string>();
  return errors.filter((error) => {
    const path = error.path;
    if (!path || path.length === 0) return true;
    const nullable = positionNullability(answered, path);
    // A nullable field's own failure nulls only itself: always reported. Unknown positions are kept too.
    if (nullable === null || nullable[path.length - 1]) return true;
    const target = nullable.lastIndexOf(true, path.length - 2);
    const key = JSON.stringify(path.slice(0, target + 1));
    if (nulled.has(key)) return false;
    nulled.add(key);
    return true;
  });
}

/**
 * Whether each position along `path` (a field, or an item of a list) is
 * nullable, or null when the path does not lead through the operation's
 * selections (then nothing is assumed about it).
 */
function positionNullability(answered: AnsweredOperation, path: ReadonlyArray<string | number>): boolean[] | null {
  const { schema, document, operation } = answered;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const nullable: boolean[] = [];
  let type: GraphQLOutputType | undefined | null = schema.getRootType(operation.operation);
  let selectionSets: SelectionSetNode[] = [operation.selectionSet];
  for (const segment of path) {
    if (!type) return null;
    if (typeof segment === "number") {
      const list = isNonNullType(type) ? type.ofType : type;
      if (!isListType(list)) return null;
      type = list.ofType as GraphQLOutputType;
      nullable.push(!isNonNullType(type));
      continue;
    }
    const parent: GraphQLNamedType = getNamedType(type);
    const nodes = fieldNodesNamed(segment, selectionSets, fragments);
    const field: GraphQLField<unknown, unknown> | undefined = nodes[0] && fieldOf(schema, parent, nodes[0].name.value);
    if (!field) return null;
    type = field.type;
    nullable.push(!isNonNullType(type));
    selectionSets = nodes.flatMap((node) => (node.selectionSet ? [node.selectionSet] : []));
  }
  return nullable;
}

/** The field nodes answering under `responseName`, through fragments and inline fragments. */
function fieldNodesNamed(
  responseName: string,
  selectionSets: readonly SelectionSetNode[],
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
): FieldNode[] {
  return selectedFields(selectionSets, fragments).filter((field) => (field.alias ?? field.name).value === responseName);
}

/**
 * The field `name` of `parent`; under an abstract type, of whichever possible
 * type defines it: validation lets two fields answer under one response name
 * only when their types agree, nullability included.
 */
function fieldOf(
  schema: GraphQLSchema,
  parent: GraphQLNamedType | undefined,
  name: string,
): GraphQLField<unknown, unknown> | undefined {
  if (isObjectType(parent) || isInterfaceType(parent)) {
    const field = parent.getFields()[name];
    if (field || isObjectType(parent)) return field;
  }
  if (!isAbstractType(parent)) return undefined;
  return schema
    .getPossibleTypes(parent)
    .map((type) => type.getFields()[name])
    .find((field) => field !== undefined);
}
