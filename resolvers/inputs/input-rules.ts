import { Max, Min, registerDecorator, type ValidationOptions } from "class-validator";
import { hasCharacterCountWithin } from "../../src/character-count";

/*
 * The building blocks of the input classes' rules. class-validator reports the
 * first failing rule as `Invalid <field>: <message>` (src/validation.ts), so
 * the messages here complete that sentence.
 */

/**
 * Trims a string field (or each string of a list field) as TypeGraphQL assigns
 * it to the input object, so the rules below and the services all see the
 * trimmed text: "  Ada " is stored as "Ada", and "   " is blank. With
 * `blankAsNull`, an optional field left blank becomes null. An absent field
 * stays undefined, so partial updates can tell it from an explicit null.
 */
export function Trimmed(options: { blankAsNull?: boolean } = {}): PropertyDecorator {
  return (prototype, property) => {
    const values = new WeakMap<object, unknown>();
    Object.defineProperty(prototype, property, {
      configurable: true,
      enumerable: true,
      get(this: object) {
        return values.get(this);
      },
      set(this: object, value: unknown) {
        values.set(this, trim(value, options.blankAsNull ?? false));
      },
    });
  };
}

function trim(value: unknown, blankAsNull: boolean): unknown {
  if (typeof value === "string") {
    const trimmed = value.trim();
    return blankAsNull && trimmed === "" ? null : trimmed;
  }
  if (Array.isArray(value)) return value.map((item: unknown) => (typeof item === "string" ? item.trim() : item));
  return value;
}

/**
 * A text of `min` to `max` characters (code points, see src/character-count.ts),
 * or each text of a list with `{ each: true }`. Anything but a string fails.
 */
export function CharacterCount(
  min: number,
  max: number,
  message: ValidationOptions["message"],
  options: ValidationOptions = {},
) {
  return (prototype: object, property: string | symbol): void =>
    registerDecorator({
      name: "characterCount",
      target: prototype.constructor,
      propertyName: String(property),
      options: { message, ...options },
      validator: {
        validate: (value: unknown) => typeof value === "string" && hasCharacterCountWithin(value, min, max),
      },
    });
}

/** A required text of `min` to `max` characters (after trimming, so never blank when `min` is 1). */
export function TextLength(min: number, max: number, options: ValidationOptions = {}): PropertyDecorator {
  const each = options.each ? "each " : "";
  return CharacterCount(min, max, `${each}must be ${min} to ${max} characters`, options);
}

/** An optional text of at most `max` characters. */
export function MaxTextLength(max: number): PropertyDecorator {
  return CharacterCount(0, max, `must be at most ${max} characters`);
}

/** A number from `min` to `max`, inclusive. */
export function Between(min: number, max: number): PropertyDecorator {
  const message = `must be between ${min} and ${max}`;
  return (prototype, property) => {
    Min(min, { message })(prototype, property);
    Max(max, { message })(prototype, property);
  };
}

/** An absolute http or https URL, without whitespace. */
export function IsHttpUrl(): PropertyDecorator {
  return (prototype, property) =>
    registerDecorator({
      name: "isHttpUrl",
      target: prototype.constructor,
      propertyName: String(property),
      options: { message: "must be an http or https URL" },
      validator: { validate: isHttpUrl },
    });
}

function isHttpUrl(value: unknown): boolean {
  if (typeof value !== "string" || /\s/.test(value)) return false;
  try {
    const url = new URL(value);
    return (url.protocol === "http:" || url.protocol === "https:") && url.hostname !== "";
  } catch {
    return false;
  }
}

/** A year from `first` to `yearsAhead` years after the current one, which moves with the clock. */
export function IsYearFrom(first: number, yearsAhead: number): PropertyDecorator {
  const last = () => new Date().getUTCFullYear() + yearsAhead;
  return (prototype, property) =>
    registerDecorator({
      name: "isYearFrom",
      target: prototype.constructor,
      propertyName: String(property),
      options: { message: () => `must be between ${first} and ${last()}` },
      validator: {
        validate: (value: unknown) =>
          Number.isInteger(value) && (value as number) >= first && (value as number) <= last(),
      },
    });
}
