import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import fc from "fast-check";
import {
  getNamedType,
  getNullableType,
  isEnumType,
  isLeafType,
  isNonNullType,
  isObjectType,
  parse,
  validate,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLSchema,
} from "graphql";
import type { ExecutionPath } from "../../src/execution/execution-observer";
import { buildGatewaySchema } from "../../src/schema/build-schema";
import { sha256Hex } from "../../src/trusted-documents/document-hash";
import { seedDifferentialRows, type DifferentialRows } from "../support/differential-rows";
import { createFaultyStatements } from "../support/faulty-statements";
import { fixtures } from "../support/fixtures";
import { useFrozenClock } from "../support/frozen-clock";
import { untrustedSpelling } from "../support/manifest-operations";
import { postForText } from "../support/raw-exchanges";
import { normalisedSql } from "../support/statement-shape";
import { startTestApp, testConfig, type StartedTestApp } from "../support/test-app";
import { createTestDatabase, testEngine, type TestDatabase } from "../support/test-database";

/*
 * Random queries on the real schema, registered as a client's manifest (so
 * that they compile), each run in its manifest text and respelled (so
 * interpreted) on one gateway and one database, as the talent and as a
 * director: the same bytes, status and statements. The documents mix what a
 * client's might: nesting, aliases (the same field under two names, and one
 * name twice), named and inline fragments, variables, arguments, __typename,
 * and in half of them @include/@skip on fields, fragments and spreads (those
 * run interpreted: graphql-jit orders and merges their fields otherwise, as
 * this test found). They are drawn from a fixed seed, so a failure names a
 * document that comes back on the next run.
 */

const DOCUMENTS = 80;
const SEED = 20_261_201;
const NOW = new Date("2026-12-01T12:00:00.000Z");

type Gen = fc.GeneratorValue;
const pick = <T>(g: Gen, items: readonly T[]): T => items[g(fc.integer, { min: 0, max: items.length - 1 })]!;

/** Literal values for required arguments, by name: ids of the seeded rows. */
interface Literals {
  productionId: number;
  directorId: number;
}

function randomDocument(
  g: Gen,
  schema: GraphQLSchema,
  literals: Literals,
): { query: string; variables: object; directives: boolean } {
  const fragments: string[] = [];
  const variables = new Map<string, { type: string; value: unknown }>();
  // Half the documents use @skip/@include (which run interpreted), half do not (which compile).
  const directives = g(fc.boolean);
  const directive = (): string => {
    if (!directives) return "";
    switch (g(fc.integer, { min: 0, max: 5 })) {
      case 0:
        variables.set("yes", { type: "Boolean!", value: true });
        return " @include(if: $yes)";
      case 1:
        variables.set("no", { type: "Boolean!", value: false });
        return ` @include(if: $no)`;
      case 2:
        return ` @skip(if: ${g(fc.boolean)})`;
      default:
        return "";
    }
  };
  /** The argument's text, null to leave it out, or false when it is required and no value is known. */
  const argument = (arg: GraphQLArgument): string | null | false => {
    const type = getNullableType(arg.type);
    const required = isNonNullType(arg.type) && arg.defaultValue === undefined;
    if (!required && g(fc.integer, { min: 0, max: 2 }) > 0) return null;
    if (arg.name === "first") {
      if (g(fc.boolean)) {
        variables.set("first", { type: "Int!", value: g(fc.integer, { min: 1, max: 4 }) });
        return "first: $first";
      }
      return `first: ${g(fc.integer, { min: 1, max: 4 })}`;
    }
    if (arg.name === "id") return `id: "${literals.productionId}"`;
    if (arg.name === "withUserId") return `withUserId: "${literals.directorId}"`;
    if (isEnumType(type)) {
      // DRAFT is refused for a director's lists; any other value is fine for either.
      const values = type.getValues().filter((value) => value.name !== "DRAFT");
      return `${arg.name}: ${pick(g, values).name}`;
    }
    return required ? false : null;
  };
  const selections = (type: GraphQLObjectType, depth: number): string => {
    const parts: string[] = [];
    const count = g(fc.integer, { min: 1, max: 4 });
    for (let i = 0; i < count; i += 1) parts.push(selection(type, depth));
    return `{ ${parts.join(" ")} }`;
  };
  const selection = (type: GraphQLObjectType, depth: number): string => {
    const kind = g(fc.integer, { min: 0, max: 11 });
    if (kind === 0) return `__typename${directive()}`;
    if (kind === 1) return `... on ${type.name}${directive()} ${selections(type, depth)}`;
    if (kind === 2 && fragments.length < 4) {
      // Its place is taken before its body is written: the body may define fragments of its own.
      const index = fragments.push("") - 1;
      fragments[index] = `fragment F${index} on ${type.name} ${selections(type, depth)}`;
      return `...F${index}${directive()}`;
    }
    const field: GraphQLField<unknown, unknown> = pick(g, Object.values(type.getFields()));
    const written = field.args.map(argument);
    if (written.includes(false)) return "__typename";
    const args = written.filter((arg): arg is string => typeof arg === "string");
    const alias =
      g(fc.integer, { min: 0, max: 3 }) === 0 ? `a${g(fc.integer, { min: 0, max: 2 })}_${field.name}: ` : "";
    const named = getNamedType(field.type);
    const head = `${alias}${field.name}${args.length > 0 ? `(${args.join(", ")})` : ""}${directive()}`;
    if (isLeafType(named)) return head;
    if (!isObjectType(named) || depth === 0) return `${head} { __typename }`;
    return `${head} ${selections(named, depth - 1)}`;
  };
  const body = selections(schema.getQueryType()!, g(fc.integer, { min: 1, max: 5 }));
  const definitions = [...variables].map(([name, { type }]) => `$${name}: ${type}`);
  const header = `query Random${definitions.length > 0 ? `(${definitions.join(", ")})` : ""}`;
  const query = [`${header} ${body}`, ...fragments].join("\n");
  return {
    query,
    variables: Object.fromEntries([...variables].map(([name, { value }]) => [name, value])),
    directives: /@(skip|include)\b/.test(query),
  };
}

const statements = createFaultyStatements();
const paths: ExecutionPath[] = [];
let database: TestDatabase;
let started: StartedTestApp;
let rows: DifferentialRows;
let documents: Array<{ query: string; variables: object; directives: boolean }> = [];

beforeAll(async () => {
  database = await createTestDatabase();
  rows = await seedDifferentialRows(fixtures(database.dataSource));
  const schema = await buildGatewaySchema();
  const literals = { productionId: rows.openProductionId, directorId: rows.director.user.id };
  // Valid documents only (others are refused before execution, whichever path): a client's manifest holds those.
  documents = fc
    .sample(fc.gen(), { seed: SEED, numRuns: DOCUMENTS * 3 })
    .map((g) => randomDocument(g, schema, literals))
    .filter(({ query }) => validate(schema, parse(query)).length === 0)
    .slice(0, DOCUMENTS);
  const manifest = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "random-documents-")), "manifest.json");
  fs.writeFileSync(
    manifest,
    JSON.stringify(Object.fromEntries(documents.map(({ query }) => [sha256Hex(query), query]))),
  );
  started = await startTestApp(
    testConfig(database.config, {
      COMPILED_EXECUTION: "on",
      TRUSTED_DOCUMENTS: "off",
      TRUSTED_DOCUMENTS_MANIFESTS: manifest,
      // Some random documents ask for more than a client should: the limits are not what is compared here.
      MAX_QUERY_COST: "1000000",
      MAX_ALIASES: "1000",
      MAX_DIRECTIVES: "1000",
    }),
    { databaseLogger: statements, executionObserver: { executionDidStart: ({ path }) => void paths.push(path) } },
  );
});

afterAll(async () => {
  await started?.app.stop();
  await database?.drop();
});

// After the gateway's start: TypeGraphQL maps the Date class by identity, and a fake one is another class.
const setClock = useFrozenClock(NOW);

async function exchange(query: string, variables: object, token: string) {
  setClock(NOW);
  statements.reset();
  paths.length = 0;
  const { status, text } = await postForText(started.app.url, { query, variables: variables as never }, token);
  await statements.quiet();
  return { status, text, statements: statements.statements.map(normalisedSql).sort(), paths: [...paths] };
}

type Exchange = Awaited<ReturnType<typeof exchange>>;

/**
 * The answer with its racing part set aside: when several root fields fail
 * at once (a talent asking for two casting workspaces), the whole answer is
 * null and graphql-js reports whichever failure comes back first. On MariaDB
 * that is the pool's choice (each failure waits for a statement), and the
 * compiled path, scheduling its resolvers a few ticks apart, lands on another
 * one: what must agree is that it is one error, with the same message and
 * code, at a root field. Every other answer is compared byte for byte.
 *
 * The statements are compared on SQLite, where each runs as it is sent. On
 * MariaDB which statements a random document sends depends on which comes
 * back first, whatever the path: a production read may prime the casting
 * director's loader before another field asks for it, or after. The
 * manifest's documents do not race (test/execution/differential-queries.test.ts
 * compares theirs on both engines).
 */
function comparable(exchange: Exchange) {
  const statements = testEngine === "sqlite" ? exchange.statements : undefined;
  const body = JSON.parse(exchange.text) as { data?: unknown; errors?: Array<Record<string, any>> };
  const raced = body.data === null && body.errors?.length === 1 && body.errors[0]!.path?.length === 1;
  if (!raced) return { ...exchange, statements, paths: undefined };
  const [{ message, extensions }] = body.errors as [Record<string, any>];
  return { status: exchange.status, raced: { message, extensions }, statements };
}

it(`answers ${DOCUMENTS} random trusted documents the same bytes compiled and interpreted`, async () => {
  expect(documents).toHaveLength(DOCUMENTS);
  const outcomes = { data: 0, errors: 0, compiled: 0 };
  for (const { query, variables, directives } of documents) {
    for (const viewer of [rows.talent, rows.director]) {
      const compiled = await exchange(query, variables, viewer.token);
      const interpreted = await exchange(untrustedSpelling(query), variables, viewer.token);
      expect({ query, ...comparable(compiled) }).toEqual({ query, ...comparable(interpreted) });
      if (compiled.status === 400) {
        // Refused before execution (a document limit): both alike, and nothing ran.
        expect([compiled.paths, interpreted.paths]).toEqual([[], []]);
        continue;
      }
      // graphql-jit places and merges @skip/@include's fields otherwise: those documents are not compiled.
      expect([compiled.paths, interpreted.paths]).toEqual([[directives ? "interpreted" : "compiled"], ["interpreted"]]);
      outcomes[compiled.text.includes('"errors"') ? "errors" : "data"] += 1;
      if (!directives) outcomes.compiled += 1;
    }
  }
  // Both kinds of answer were compared: whole data (mostly the talent's) and errors (a director's dashboard).
  expect(outcomes.data).toBeGreaterThan(DOCUMENTS / 4);
  expect(outcomes.errors).toBeGreaterThan(DOCUMENTS / 4);
  expect(outcomes.compiled).toBeGreaterThan(DOCUMENTS / 2);
});
