import { validate, type ValidationError } from "class-validator";
import type { ValidatorFn } from "type-graphql";
import { BadUserInputError } from "./errors";
import { rangeChecksOf } from "./range-checks";

function firstProblem(errors: ValidationError[], prefix = ""): { field: string; message: string } | null {
  for (const error of errors) {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const message = error.constraints && Object.values(error.constraints)[0];
    if (message) return { field, message };
    const nested = firstProblem(error.children ?? [], field);
    if (nested) return nested;
  }
  return null;
}

/**
 * Runs the class-validator rules declared on input classes and turns the
 * first failure into a BAD_USER_INPUT error that names the field. Classes
 * whose only rules are bounds (the page sizes) are checked without
 * class-validator, to the same answer (src/range-checks.ts).
 */
export const validateInput: ValidatorFn = async (argValue) => {
  if (argValue === null || typeof argValue !== "object") return;
  const values = Array.isArray(argValue) ? argValue : [argValue];
  for (const value of values) {
    if (value === null || typeof value !== "object") continue;
    const rangeChecks = rangeChecksOf(value.constructor);
    const errors = rangeChecks
      ? rangeChecks(value)
      : await validate(value, { forbidUnknownValues: false, stopAtFirstError: true });
    const problem = firstProblem(errors);
    if (problem) throw new BadUserInputError(`Invalid ${problem.field}: ${problem.message}`, problem.field);
  }
};
