import type { ASTVisitor, ValidationContext, ValidationRule } from "graphql";
import { GraphQLError } from "graphql";

/** Refuses a document with more than `maxAliases` aliased fields. */
export function aliasLimitRule(maxAliases: number): ValidationRule {
  return (context: ValidationContext): ASTVisitor => {
    let aliases = 0;
    return {
      Field(node) {
        if (node.alias) aliases += 1;
      },
      Document: {
        leave() {
          if (aliases > maxAliases) {
            context.reportError(new GraphQLError(`The operation uses ${aliases} aliases; the limit is ${maxAliases}`));
          }
        },
      },
    };
  };
}
