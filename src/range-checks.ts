import { getMetadataStorage, type ValidationError } from "class-validator";

/** One property's `@Min`/`@Max` bounds, in the order class-validator checks them, with the message each gives. */
interface PropertyBounds {
  readonly property: string;
  readonly bounds: readonly { readonly name: "min" | "max"; readonly limit: number; readonly message: string }[];
}

/**
 * A class's validation, done without class-validator when every rule on it is
 * a `@Min` or `@Max` with a fixed message (the page sizes `first` of every
 * list): what `validate(value, { stopAtFirstError: true })` would answer, as
 * its errors (empty when valid), in its order, with its messages.
 *
 * class-validator works out the rules from its metadata on every call (every
 * registered class scanned for inheritance), on a Promise: about a twentieth
 * of the resolvers' time in the Dashboard's profile, for a comparison of one
 * integer. The metadata is read here once per class, through its public
 * storage; a class with any other rule (a condition, a nested object, a
 * group, a message with `$` tokens, a custom validator) gets null, and
 * class-validator validates it as before.
 */
export function rangeChecksOf(target: Function): ((value: object) => ValidationError[]) | null {
  let checks = compiled.get(target);
  if (checks === undefined) compiled.set(target, (checks = compile(target)));
  return checks;
}

/**
 * Whether the rule's validator answers as class-validator's own min() or max()
 * on either side of its limit and for a non-number: a custom decorator that
 * registers itself as "min" with a rule of its own keeps class-validator.
 */
function behavesAs(constraintClass: Function, name: "min" | "max", limit: number): boolean {
  const validator = new (constraintClass as new () => { validate(value: unknown, args: unknown): unknown })();
  const args = { constraints: [limit] };
  const probes: [unknown, boolean][] = [
    [limit, true],
    [limit - 1, name === "max"],
    [limit + 1, name === "min"],
    [Number.NaN, false],
    [String(limit), false],
    [undefined, false],
  ];
  return probes.every(([probe, valid]) => validator.validate(probe, args) === valid);
}

const compiled = new WeakMap<Function, ((value: object) => ValidationError[]) | null>();

function compile(target: Function): ((value: object) => ValidationError[]) | null {
  // The arguments class-validator's executor passes for `validate(value, options)` without groups.
  const metadatas = getMetadataStorage().getTargetValidationMetadatas(target, "", false, false);
  const byProperty = new Map<string, PropertyBounds["bounds"][number][]>();
  for (const metadata of metadatas) {
    const name = metadata.name;
    const [limit, ...more] = (metadata.constraints ?? []) as unknown[];
    const plain =
      metadata.type === "customValidation" &&
      (name === "min" || name === "max") &&
      typeof limit === "number" &&
      more.length === 0 &&
      !metadata.each &&
      metadata.always === undefined &&
      (metadata.groups ?? []).length === 0 &&
      metadata.context === undefined &&
      typeof metadata.message === "string" &&
      !metadata.message.includes("$");
    if (!plain || !behavesAs(metadata.constraintCls, name, limit)) return null;
    let bounds = byProperty.get(metadata.propertyName);
    if (!bounds) byProperty.set(metadata.propertyName, (bounds = []));
    bounds.push({ name, limit, message: metadata.message as string });
  }
  const properties: PropertyBounds[] = [...byProperty].map(([property, bounds]) => ({ property, bounds }));
  return (value) => {
    const errors: ValidationError[] = [];
    for (const { property, bounds } of properties) {
      const given = (value as Record<string, unknown>)[property];
      // class-validator's own min() and max(): a non-number fails both.
      const failed = bounds.find(({ name, limit }) =>
        typeof given !== "number" ? true : name === "min" ? !(given >= limit) : !(given <= limit),
      );
      if (failed) {
        errors.push({
          target: value,
          property,
          value: given,
          constraints: { [failed.name]: failed.message },
          children: [],
        });
      }
    }
    return errors;
  };
}
