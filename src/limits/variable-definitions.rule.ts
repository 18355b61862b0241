import { GraphQLError, Kind, type ASTVisitor, type ValidationContext, type ValidationRule } from "graphql";

/** Refuses a document that defines more than `maxVariables` variables, over all its operations. */
export function variableDefinitionsRule(maxVariables: number): ValidationRule {
  return (context: ValidationContext): ASTVisitor => ({
    Document(document) {
      let count = 0;
      for (const definition of document.definitions) {
        if (definition.kind === Kind.OPERATION_DEFINITION) count += definition.variableDefinitions?.length ?? 0;
      }
      if (count > maxVariables) {
        context.reportError(new GraphQLError(`The document defines ${count} variables; the limit is ${maxVariables}`));
      }
    },
  });
}
