import "reflect-metadata";
import { Max } from "class-validator";
import { graphql, type GraphQLSchema } from "graphql";
import {
  Arg,
  Args,
  ArgsType,
  Authorized,
  buildSchema,
  Ctx,
  Field,
  FieldResolver,
  Info,
  Int,
  ObjectType,
  Query,
  Resolver,
  Root,
} from "type-graphql";
import { buildGatewaySchema } from "../../src/schema/build-schema";
import { callFieldResolversDirectly } from "../../src/schema/direct-field-resolvers";
import { validateInput } from "../../src/validation";

/*
 * Resolver classes of this test's own: TypeGraphQL's metadata is global per
 * test file, and these are built into a schema of their own beside it.
 */

@ObjectType()
class Item {
  @Field(() => Int)
  id!: number;
}

@ArgsType()
class PageArgs {
  @Field(() => Int)
  @Max(3)
  first!: number;
}

interface TestContext {
  roots: unknown[];
  label: string;
}

const items: Item[] = [{ id: 1 }, { id: 2 }];

@Resolver(() => Item)
class ItemResolver {
  @Query(() => [Item])
  items(): Item[] {
    return items;
  }

  @FieldResolver(() => String)
  label(@Root() item: Item, @Ctx() context: TestContext): string {
    context.roots.push(item);
    return `${context.label} ${item.id}`;
  }

  @FieldResolver(() => String)
  fieldName(@Info() info: { fieldName: string }, @Ctx("label") label: string): string {
    return `${label}:${info.fieldName}`;
  }

  @FieldResolver(() => String)
  @Authorized("ADMIN")
  secret(): string {
    return "only for admins";
  }

  @FieldResolver(() => Int)
  limited(@Arg("n", () => Int) n: number): number {
    return n;
  }

  @FieldResolver(() => Int)
  paged(@Args() { first }: PageArgs): number {
    return first;
  }
}

async function itemSchema(): Promise<{ schema: GraphQLSchema; replaced: number }> {
  const schema = await buildSchema({
    resolvers: [ItemResolver],
    authChecker: () => false,
    validateFn: validateInput,
  });
  return { schema, replaced: callFieldResolversDirectly(schema, [ItemResolver]) };
}

async function run(schema: GraphQLSchema, source: string) {
  const context: TestContext = { roots: [], label: "item" };
  const result = await graphql({ schema, source, contextValue: context });
  return { result, context };
}

describe("field resolvers called directly", () => {
  it("replaces exactly the fields that take only the parent, the context and the info", async () => {
    const { replaced } = await itemSchema();
    // label and fieldName; not secret (a role), limited (an argument) or paged (validated arguments).
    expect(replaced).toBe(2);
  });

  it("hands the method the parent itself, not TypeGraphQL's copy of it into the class", async () => {
    const { schema } = await itemSchema();
    const { result, context } = await run(schema, "{ items { label fieldName } }");
    expect(result).toEqual({
      data: {
        items: [
          { label: "item 1", fieldName: "item:fieldName" },
          { label: "item 2", fieldName: "item:fieldName" },
        ],
      },
    });
    expect(context.roots).toHaveLength(2);
    expect(context.roots[0]).toBe(items[0]);
    expect(context.roots[1]).toBe(items[1]);
  });

  it("leaves the role check of an @Authorized field in place", async () => {
    const { schema } = await itemSchema();
    const { result } = await run(schema, "{ items { secret } }");
    expect(result.data).toBeNull();
    expect(result.errors?.[0]?.message).toMatch(/Access denied/);
  });

  it("leaves arguments converted and validated", async () => {
    const { schema } = await itemSchema();
    const allowed = await run(schema, "{ items { limited(n: 4) paged(first: 3) } }");
    expect(allowed.result).toEqual({
      data: {
        items: [
          { limited: 4, paged: 3 },
          { limited: 4, paged: 3 },
        ],
      },
    });
    const refused = await run(schema, "{ items { paged(first: 4) } }");
    expect(refused.result.errors?.[0]?.message).toMatch(/Invalid first/);
  });

  it("applies to the gateway's own schema, Application.role and its neighbours among them", async () => {
    const schema = await buildGatewaySchema();
    const role = schema.getType("Application");
    expect(role && "getFields" in role).toBe(true);
    const fields = (role as { getFields(): Record<string, { resolve?: Function }> }).getFields();
    expect(fields.role!.resolve!.name).toBe("direct role");
    expect(fields.auditionRequests!.resolve!.name).toBe("direct auditionRequests");
  });
});
