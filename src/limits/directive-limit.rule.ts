import type { ASTVisitor, ValidationContext, ValidationRule } from "graphql";
import { GraphQLError } from "graphql";

/** Refuses a document with more than `maxDirectives` directives (repeated @include/@skip cost parsing and checks). */
export function directiveLimitRule(maxDirectives: number): ValidationRule {
  return (context: ValidationContext): ASTVisitor => {
    let directives = 0;
    return {
      Directive() {
        directives += 1;
      },
      Document: {
        leave() {
          if (directives > maxDirectives) {
            context.reportError(
              new GraphQLError(`The operation uses ${directives} directives; the limit is ${maxDirectives}`),
            );
          }
        },
      },
    };
  };
}
