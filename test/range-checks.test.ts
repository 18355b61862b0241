import "reflect-metadata";
import { IsOptional, Max, Min, registerDecorator, validate, type ValidationError } from "class-validator";
import {
  ApplicationsArgs,
  MatchedRolesArgs,
  MessagesArgs,
  RecentMessagesArgs,
  RecentlyViewedArgs,
} from "../resolvers/inputs/page.args";
import { ProductionsPageArgs } from "../resolvers/inputs/productions-page.args";
import { rangeChecksOf } from "../src/range-checks";

/*
 * The page sizes' bounds are checked without class-validator
 * (src/range-checks.ts); class-validator itself is the oracle: the same
 * errors, in the same order, with the same messages, for every value a client
 * can send and some it cannot (a variable's Int is always an integer, but a
 * default or a programming error is not).
 */

const PAGE_ARGS = {
  ApplicationsArgs,
  MessagesArgs,
  MatchedRolesArgs,
  RecentMessagesArgs,
  RecentlyViewedArgs,
  ProductionsPageArgs,
};

const FIRST_VALUES: unknown[] = [
  -1,
  0,
  1,
  50,
  100,
  101,
  1.5,
  100.5,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  "10",
  null,
  undefined,
];

/** What the gateway reads of an error: the property and the constraints. */
function answer(errors: ValidationError[]) {
  return errors.map(({ property, constraints }) => ({ property, constraints }));
}

async function classValidatorsAnswer(value: object) {
  return answer(await validate(value, { forbidUnknownValues: false, stopAtFirstError: true }));
}

describe.each(Object.entries(PAGE_ARGS))("%s", (_name, Args) => {
  it("is checked without class-validator", () => {
    expect(rangeChecksOf(Args)).not.toBeNull();
  });

  it.each(FIRST_VALUES.map((first) => [first]))("answers as class-validator for first = %p", async (first) => {
    const args = Object.assign(new Args(), { first, after: null });
    const expected = await classValidatorsAnswer(args);
    expect(answer(rangeChecksOf(Args)!(args))).toEqual(expected);
  });

  it("refuses 0 and 101 with the page-size message", () => {
    for (const [first, rule] of [
      [0, "min"],
      [101, "max"],
    ] as const) {
      expect(answer(rangeChecksOf(Args)!(Object.assign(new Args(), { first })))).toEqual([
        { property: "first", constraints: { [rule]: "must be between 1 and 100" } },
      ]);
    }
  });
});

describe("a class with two bounded properties", () => {
  class Window {
    @Min(0, { message: "starts at 0" })
    from!: number;

    @Max(10, { message: "at most 10" })
    @Min(1, { message: "at least 1" })
    size!: number;
  }

  it.each([[{ from: -1, size: 0 }], [{ from: 0, size: 11 }], [{ from: 3, size: 5 }], [{ from: "0", size: "x" }]])(
    "answers %j as class-validator does, in its order",
    async (values) => {
      const window = Object.assign(new Window(), values);
      expect(answer(rangeChecksOf(Window)!(window))).toEqual(await classValidatorsAnswer(window));
    },
  );
});

describe("classes left to class-validator", () => {
  it("a condition beside the bounds", () => {
    class Optional {
      @IsOptional()
      @Min(1, { message: "at least 1" })
      first?: number;
    }
    expect(rangeChecksOf(Optional)).toBeNull();
  });

  it("a message with class-validator's $ tokens", () => {
    class Tokens {
      @Min(1)
      first!: number;
    }
    expect(rangeChecksOf(Tokens)).toBeNull();
  });

  it("a rule of its own registered under the name min", () => {
    function EvenMin(limit: number) {
      return (target: object, propertyName: string) =>
        registerDecorator({
          name: "min",
          target: target.constructor,
          propertyName,
          constraints: [limit],
          options: { message: "even and at least the limit" },
          validator: { validate: (value: unknown) => typeof value === "number" && value >= limit && value % 2 === 0 },
        });
    }
    class Even {
      @EvenMin(2)
      first!: number;
    }
    expect(rangeChecksOf(Even)).toBeNull();
  });

  it("a bound applied to each item of a list", () => {
    class Each {
      @Min(1, { each: true, message: "each at least 1" })
      ids!: number[];
    }
    expect(rangeChecksOf(Each)).toBeNull();
  });
});

describe("a class without rules", () => {
  it("has no errors, as class-validator answers", async () => {
    class Plain {
      name = "x";
    }
    expect(rangeChecksOf(Plain)!(new Plain())).toEqual([]);
    expect(await classValidatorsAnswer(new Plain())).toEqual([]);
  });
});
