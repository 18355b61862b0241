import { BREAK, visit, type DocumentNode } from "graphql";

/**
 * Why graphql-jit would not answer this document as graphql-js does, or null
 * when nothing is known to differ; such documents run with graphql-js.
 *
 * - @skip and @include: graphql-jit 0.8 decides them at run time but places
 *   each field where it first appears in the document, included or not, so the
 *   keys of an answer can come in another order; and it follows a fragment only
 *   at its first spread, even when that one is skipped and a later one is not,
 *   so fields can go missing. graphql-js decides both with the variables in hand.
 * - the name `__proto__` (an alias, a variable): graphql-jit writes answers and
 *   variables into plain object literals, where that key sets the prototype
 *   instead, and the field or variable is lost.
 */
export function whyNotFaithfullyCompilable(document: DocumentNode): string | null {
  let reason: string | null = null;
  visit(document, {
    Directive(directive) {
      if (directive.name.value !== "skip" && directive.name.value !== "include") return undefined;
      reason = `it uses @${directive.name.value}, which graphql-jit orders and merges otherwise than graphql-js`;
      return BREAK;
    },
    Name(name) {
      if (name.value !== "__proto__") return undefined;
      reason = "it names something __proto__, which graphql-jit loses in its object literals";
      return BREAK;
    },
  });
  return reason;
}
