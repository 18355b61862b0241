import { BadUserInputError } from "../errors";
import { yearsAfter } from "./clock";

/*
 * Input rules that need the clock or compare two fields, so cannot be
 * class-validator decorators on one field. Messages read like the decorators'.
 */

/** A date strictly after `now` and at most `maxYears` after it. */
export function requireFutureWithin(value: Date, now: Date, maxYears: number, field: string): void {
  if (value.getTime() <= now.getTime()) throw new BadUserInputError(`Invalid ${field}: must be in the future`, field);
  if (value.getTime() > yearsAfter(now, maxYears).getTime()) {
    throw new BadUserInputError(
      `Invalid ${field}: must be at most ${maxYears} year${maxYears === 1 ? "" : "s"} ahead`,
      field,
    );
  }
}

/** A range whose ends, when both are set, are not reversed; the error names the upper end's field. */
export function requireOrderedRange(
  min: number | null | undefined,
  max: number | null | undefined,
  field: string,
  minName: string,
): void {
  if (min != null && max != null && min > max) {
    throw new BadUserInputError(`Invalid ${field}: must be at least ${minName} (${min})`, field);
  }
}
