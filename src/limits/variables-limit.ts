import type { GraphQLError } from "graphql";
import { operationRejected } from "./rejection";

/**
 * Why a request's variables are refused, or null when they are within the
 * limits: more than `maxVariableValues` values (each list, object, item and
 * field counts one), or a list or input object nested deeper than
 * `maxVariableDepth` inside one variable. Walked with an explicit stack, and
 * only as far as the first limit: JSON 10,000 levels deep is refused without
 * recursion, before anything else (the cost cache's JSON.stringify,
 * graphql-js's coercion) walks it.
 */
export function variablesLimitError(
  variables: unknown,
  limits: { readonly maxVariableDepth: number; readonly maxVariableValues: number },
): GraphQLError | null {
  if (variables === null || typeof variables !== "object") return null;
  const pending: Array<{ value: unknown; depth: number }> = Object.values(variables).map((value) => ({
    value,
    depth: 0,
  }));
  let values = 0;
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    values += 1;
    if (values > limits.maxVariableValues) {
      return operationRejected(`The variables hold more than ${limits.maxVariableValues} values`);
    }
    const { value, depth } = next;
    if (value === null || typeof value !== "object") continue;
    if (depth + 1 > limits.maxVariableDepth) {
      return operationRejected(`The variables nest lists and objects more than ${limits.maxVariableDepth} levels deep`);
    }
    for (const item of Object.values(value)) pending.push({ value: item, depth: depth + 1 });
  }
  return null;
}
