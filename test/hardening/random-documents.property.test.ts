import fc from "fast-check";
import {
  getNamedType,
  isCompositeType,
  isObjectType,
  parse,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLSchema,
} from "graphql";
import type { App } from "../../src/app";
import { buildGatewaySchema } from "../../src/schema/build-schema";
import { fixtures, type TestUser } from "../support/fixtures";
import { openRawGraphQLSocket, type RawGraphQLSocket } from "../support/raw-graphql-ws";
import { startTestApp, testConfig } from "../support/test-app";
import { createTestDatabase, type TestDatabase } from "../support/test-database";

/*
 * Random documents on the real schema, under the token limit: random nesting,
 * fragments that spread each other (only later ones, so there are no cycles,
 * but fan-outs), aliases, @include/@skip, inline fragments and variables.
 * Whatever the shape, the gateway answers, over HTTP and over graphql-ws,
 * within BOUND_MS: with data, or refused with a client error code.
 */

/*
 * Answers take 1-60 ms on an idle machine; a walk that follows every spread
 * takes seconds from 20 fan-out fragments on. The bound sits between the two,
 * far enough from the first that a loaded machine (a 604 ms answer was seen
 * at load average 5 on 2 cores) does not fail the test.
 */
const BOUND_MS = 1_000;
const RUNS = 100;
const MAX_TOKENS = 2000;
/** Codes a refused document may carry; INTERNAL_SERVER_ERROR is not one of them. */
const CLIENT_CODES = [
  "GRAPHQL_VALIDATION_FAILED",
  "GRAPHQL_PARSE_FAILED",
  "OPERATION_LIMIT_EXCEEDED",
  "BAD_USER_INPUT",
];

let database: TestDatabase;
let app: App;
let talent: TestUser;
let socket: RawGraphQLSocket;
let schema: GraphQLSchema;
let logger: Awaited<ReturnType<typeof startTestApp>>["logger"];

beforeAll(async () => {
  schema = await buildGatewaySchema();
  database = await createTestDatabase();
  // 100 documents go over one socket in a few seconds: past the subscribe rate, which is not under test here.
  ({ app, logger } = await startTestApp(
    testConfig(database.config, { WS_SUBSCRIBES_PER_SECOND: "1000", WS_SUBSCRIBE_BURST: "0" }),
  ));
  talent = await fixtures(app.db).talent();
  socket = await openRawGraphQLSocket(app.url, talent.token);
});

afterAll(async () => {
  socket?.close();
  await app?.stop();
  await database?.drop();
});

type Gen = fc.GeneratorValue;

/** One of `items`, chosen by an index (fast-check prints what it generates: schema objects don't print). */
const pick = <T>(g: Gen, items: readonly T[]): T => items[g(fc.integer, { min: 0, max: items.length - 1 })]!;

interface Fragment {
  name: string;
  on: GraphQLObjectType;
  body: string;
}

/** Writes one random document; `used` collects the variables it refers to. */
function randomDocument(g: Gen, schema: GraphQLSchema): { query: string; variables: Record<string, unknown> } {
  const used = new Set<"b" | "n">();
  const spread = new Set<string>();
  const candidates = [schema.getQueryType()!, schema.getType("User") as GraphQLObjectType];
  const fragments: Fragment[] = [];
  const fragmentCount = g(fc.integer, { min: 0, max: 8 });

  const selections = (type: GraphQLObjectType, depth: number, spreadable: Fragment[]): string => {
    const count = g(fc.integer, { min: 1, max: 4 });
    const parts: string[] = [];
    for (let i = 0; i < count; i += 1) parts.push(selection(type, depth, spreadable));
    return `{ ${parts.join(" ")} }`;
  };

  const directive = (): string => {
    switch (g(fc.integer, { min: 0, max: 4 })) {
      case 0:
        used.add("b");
        return " @include(if: $b)";
      case 1:
        return ` @skip(if: ${g(fc.boolean)})`;
      default:
        return "";
    }
  };

  const selection = (type: GraphQLObjectType, depth: number, spreadable: Fragment[]): string => {
    const ofType = spreadable.filter((fragment) => fragment.on === type);
    const kind = g(fc.integer, { min: 0, max: 9 });
    if (kind === 0) return `__typename${directive()}`;
    if (kind === 1 && depth > 0) return `... on ${type.name}${directive()} ${selections(type, depth - 1, spreadable)}`;
    if (kind <= 4 && ofType.length > 0) {
      const fragment = pick(g, ofType);
      spread.add(fragment.name);
      return `...${fragment.name}${directive()}`;
    }
    const field: GraphQLField<unknown, unknown> = pick(g, Object.values(type.getFields()));
    const alias = g(fc.integer, { min: 0, max: 4 }) === 0 ? `a${g(fc.integer, { min: 0, max: 3 })}: ` : "";
    let args = "";
    if (field.args.some((arg) => arg.name === "first") && g(fc.boolean)) {
      if (g(fc.boolean)) {
        used.add("n");
        args = "(first: $n)";
      } else {
        args = `(first: ${g(fc.integer, { min: 1, max: 100 })})`;
      }
    }
    const named = getNamedType(field.type);
    let sub = "";
    if (isCompositeType(named)) {
      sub = depth > 0 && isObjectType(named) ? ` ${selections(named, depth - 1, spreadable)}` : " { __typename }";
    }
    return `${alias}${field.name}${args}${directive()}${sub}`;
  };

  // Fragment i may spread only fragments written after it: no cycles, any fan-out.
  for (let i = fragmentCount - 1; i >= 0; i -= 1) {
    const on = pick(g, candidates);
    const body = selections(on, g(fc.integer, { min: 0, max: 2 }), fragments);
    fragments.unshift({ name: `F${i}`, on, body });
  }
  let operation = selections(schema.getQueryType()!, g(fc.integer, { min: 0, max: 4 }), fragments);
  // Every fragment is spread somewhere (graphql-js refuses unused ones), so its variables are used too.
  const unused = fragments.filter((fragment) => !spread.has(fragment.name));
  const spreads = unused.map((f) => (f.on === schema.getQueryType() ? `...${f.name}` : `viewer { ...${f.name} }`));
  operation = `${operation.slice(0, -1)}${spreads.join(" ")} }`;
  const definitions = [...used].map((name) => (name === "b" ? "$b: Boolean = true" : "$n: Int! = 3"));
  const header = definitions.length > 0 ? `query Random(${definitions.join(", ")}) ` : "query Random ";
  const variables: Record<string, unknown> = {};
  if (used.has("b") && g(fc.boolean)) variables.b = g(fc.boolean);
  if (used.has("n") && g(fc.boolean)) variables.n = g(fc.integer, { min: 1, max: 100 });
  const text = [header + operation, ...fragments.map((f) => `fragment ${f.name} on ${f.on.name} ${f.body}`)].join("\n");
  return { query: text, variables };
}

const underTokenLimit = (query: string) => {
  try {
    parse(query, { maxTokens: MAX_TOKENS });
    return true;
  } catch {
    return false;
  }
};

type Answer = { data?: unknown; errors?: Array<{ extensions?: { code?: string } }> };

/** Data, or a refusal that names a client error code. */
function expectAnswered(status: number, answer: Answer): void {
  if (status === 200) {
    expect(answer.data).toBeDefined();
    for (const error of answer.errors ?? []) expect(error.extensions?.code).not.toBe("INTERNAL_SERVER_ERROR");
  } else {
    expect(status).toBeGreaterThanOrEqual(400);
    expect(status).toBeLessThan(500);
    expect(CLIENT_CODES).toContain(answer.errors?.[0]?.extensions?.code);
  }
}

it(`answers ${RUNS} random documents within ${BOUND_MS} ms each, over HTTP and over graphql-ws`, async () => {
  let id = 0;
  const outcomes = { data: 0, refused: 0 };
  await fc.assert(
    fc.asyncProperty(fc.gen(), async (g) => {
      const { query, variables } = randomDocument(g, schema);
      fc.pre(underTokenLimit(query));

      const started = performance.now();
      const response = await fetch(app.url, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${talent.token}` },
        body: JSON.stringify({ query, variables }),
      });
      const answer = (await response.json()) as Answer;
      expect(performance.now() - started).toBeLessThan(BOUND_MS);
      expectAnswered(response.status, answer);
      outcomes[response.status === 200 ? "data" : "refused"] += 1;

      const overWs = performance.now();
      const { message } = await socket.subscribe(String((id += 1)), query, JSON.stringify(variables));
      expect(performance.now() - overWs).toBeLessThan(BOUND_MS);
      if (message.type === "next") {
        expectAnswered(200, message.payload as Answer);
      } else {
        expect(message.type).toBe("error");
        expectAnswered(400, { errors: message.payload as Answer["errors"] });
      }
    }),
    { numRuns: RUNS },
  );
  expect(logger.lines.filter((line) => line.level === "error")).toEqual([]);
  // Both kinds of answer occur: the generator reaches accepted documents and refused ones.
  expect(outcomes.data).toBeGreaterThan(0);
  expect(outcomes.refused).toBeGreaterThan(0);
});
