/*
 * `npm run bench:validation [-- options]`: how long the gateway takes to judge
 * a document (token-limited parse, the linear limit checks, graphql-js's
 * validation when those pass, the cost estimate) against the document's size,
 * for two families: a fragment fan-out (each fragment spreads the next twice,
 * refused by the expanded-field limit) and a wide document (distinct fields of
 * the schema under one fragment each, accepted while within the limits). It
 * runs the websocket path's own preparer (src/ws/prepare-operation.ts; the
 * HTTP plugin calls the same functions) in this process, with the default
 * limits except the token limit, raised so that the sizes can grow. Each
 * document is judged fresh (a comment makes its text new, so no cache helps).
 * It also prints the project's own operations against the default limits.
 *
 *   --sizes LIST   fragments per document (default 25,50,100,200,400,800)
 *   --repeat N     timed runs per size; the median is reported (default 21)
 */
import "reflect-metadata";
import fs from "node:fs";
import path from "node:path";
import { maxAliasesRule } from "@escape.tech/graphql-armor-max-aliases";
import { maxDepthRule } from "@escape.tech/graphql-armor-max-depth";
import { maxDirectivesRule } from "@escape.tech/graphql-armor-max-directives";
import {
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  Kind,
  parse,
  typeFromAST,
  validate,
  type GraphQLInputType,
  type GraphQLSchema,
  type ValidationRule,
} from "graphql";
import { loadConfig } from "../src/config";
import { operationCost } from "../src/limits/cost";
import { expandedFieldCount } from "../src/limits/field-count.rule";
import { buildGatewaySchema } from "../src/schema/build-schema";
import { createOperationPreparer } from "../src/ws/prepare-operation";
import { helpRequested, listArgument, numberArgument } from "./support/args";
import { finishBench, log } from "./support/report";
import { REPO_ROOT } from "./support/processes";
import { sortedCopy, table } from "./support/stats";

const argv = process.argv.slice(2);
const SIZES = listArgument(argv, "sizes", [25, 50, 100, 200, 400, 800]);
const REPEAT = numberArgument(argv, "repeat", 21);
const RESULTS_FILE = path.join(REPO_ROOT, "dist", "bench-results", "validation.json");

/** `fragment F0 on Query { ...F1 ...F1 }` … : 2^n fields once expanded, in a document of n fragments. */
function fanOut(fragments: number): string {
  const parts = ["query FanOut { ...F0 }"];
  for (let i = 0; i < fragments; i += 1) parts.push(`fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`);
  parts.push(`fragment F${fragments} on Query { __typename }`);
  return parts.join("\n");
}

/** n fragments on Query, each asking the viewer for a different pair of aliased fields: n×2 fields, all spread once. */
function wide(fragments: number): string {
  const spreads = Array.from({ length: fragments }, (_, i) => `...W${i}`).join(" ");
  const parts = [`query Wide { ${spreads} }`];
  for (let i = 0; i < fragments; i += 1) parts.push(`fragment W${i} on Query { viewer { i${i}: id n${i}: name } }`);
  return parts.join("\n");
}

interface Row {
  family: string;
  fragments: number;
  bytes: number;
  outcome: string;
  medianMs: number;
  microsPerKb: number;
}

async function main(): Promise<void> {
  if (helpRequested(argv, __filename)) return;
  const started = Date.now();
  const problems: string[] = [];
  const schema = await buildGatewaySchema();
  const defaults = loadConfig({ NODE_ENV: "test", JWT_SECRET: "bench-secret-that-is-long-enough-to-pass" }).limits;
  const limits = { ...defaults, maxTokens: 100_000, maxAliases: 100_000 };
  const prepare = createOperationPreparer(schema, { limits, rules: [], introspection: true });

  const rows: Row[] = [];
  let fresh = 0;
  for (const [family, build] of [
    ["fan-out", fanOut],
    ["wide", wide],
  ] as const) {
    for (const fragments of SIZES) {
      const text = build(fragments);
      const times: number[] = [];
      let outcome = "";
      for (let run = 0; run < REPEAT + 3; run += 1) {
        const query = `${text}\n# ${(fresh += 1)}`;
        const start = process.hrtime.bigint();
        const result = prepare({ query });
        const elapsed = Number(process.hrtime.bigint() - start) / 1e6;
        if (run >= 3) times.push(elapsed);
        outcome = Array.isArray(result) ? `refused: ${String(result[0]?.message).slice(0, 60)}` : "accepted";
      }
      const medianMs = sortedCopy(times)[Math.floor(times.length / 2)]!;
      const bytes = Buffer.byteLength(text);
      rows.push({ family, fragments, bytes, outcome, medianMs, microsPerKb: (medianMs * 1000) / (bytes / 1024) });
      if (medianMs > 50) problems.push(`${family} with ${fragments} fragments took ${medianMs.toFixed(1)} ms`);
    }
  }
  log(`Judging a document, median of ${REPEAT} (after 3 unmeasured), limits as default but MAX_TOKENS=100000:`);
  console.log(
    table(
      ["family", "fragments", "size", "outcome", "median", "µs per KB"],
      rows.map((row) => [
        row.family,
        row.fragments,
        `${(row.bytes / 1024).toFixed(1)} KB`,
        row.outcome,
        `${row.medianMs.toFixed(3)} ms`,
        row.microsPerKb.toFixed(0),
      ]),
    ),
  );

  const operations = projectOperations(schema);
  log("The project's operations against the default limits:");
  console.log(
    table(
      ["source", "operation", "fields", "depth", "aliases", "directives", "variables", "cost"],
      operations.map((op) => [
        op.source,
        op.name,
        op.fields,
        op.depth,
        op.aliases,
        op.directives,
        op.variables,
        op.cost,
      ]),
    ),
  );
  finishBench({ resultsFile: RESULTS_FILE, results: { limits, rows, operations }, problems, started });
}

interface OperationFigures {
  source: string;
  name: string;
  fields: number;
  depth: number;
  aliases: number;
  directives: number;
  variables: number;
  cost: number | string;
}

const SOURCES = [
  "../shared/contract/operations.graphql",
  "test/operations/dashboard.graphql",
  "examples/operations/dashboard-client.graphql",
  "playground/src/default-query.graphql",
];

/**
 * Fields (expanded), depth, aliases and directives as the limit rules count
 * them, and the cost with the largest page sizes (every Int variable 100).
 */
function projectOperations(schema: GraphQLSchema): OperationFigures[] {
  const figures: OperationFigures[] = [];
  for (const source of SOURCES) {
    const file = path.resolve(REPO_ROOT, source);
    if (!fs.existsSync(file)) continue;
    const document = parse(fs.readFileSync(file, "utf8"));
    const counts: Record<"depth" | "aliases" | "directives", number[]> = { depth: [], aliases: [], directives: [] };
    const record = (key: keyof typeof counts) => [(_: unknown, details: { n: number }) => counts[key].push(details.n)];
    validate(schema, document, [
      maxDepthRule({ n: 1e9, flattenFragments: true, onAccept: record("depth") }),
      maxAliasesRule({ n: 1e9, onAccept: record("aliases") }),
      maxDirectivesRule({ n: 1e9, onAccept: record("directives") }),
    ] as ValidationRule[]);
    const operations = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
    operations.forEach((operation, index) => {
      const name = operation.name?.value ?? "(anonymous)";
      const alone = {
        ...document,
        definitions: [operation, ...document.definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION)],
      };
      const variables: Record<string, unknown> = {};
      for (const definition of operation.variableDefinitions ?? []) {
        const type = typeFromAST(schema, definition.type) as GraphQLInputType | undefined;
        if (type) variables[definition.variable.name.value] = sampleValue(type);
      }
      const cost = operationCost(schema, document, variables, operation.name?.value, 1_000_000);
      figures.push({
        source: path.basename(source),
        name,
        fields: expandedFieldCount(alone),
        depth: counts.depth[index]!,
        aliases: counts.aliases[index]!,
        directives: counts.directives[index]!,
        variables: operation.variableDefinitions?.length ?? 0,
        cost: cost ?? "variables?",
      });
    });
  }
  return figures;
}

/** A value of the type that the costs take at their largest: ints 100 (the largest page), lists of one. */
function sampleValue(type: GraphQLInputType): unknown {
  const nullable = getNullableType(type);
  if (isListType(nullable)) return [sampleValue(nullable.ofType as GraphQLInputType)];
  const named = getNamedType(type);
  if (isEnumType(named)) return named.getValues()[0]!.value;
  if (isInputObjectType(named)) {
    const value: Record<string, unknown> = {};
    for (const field of Object.values(named.getFields())) {
      if (isNonNullType(field.type)) value[field.name] = sampleValue(field.type);
    }
    return value;
  }
  switch (named.name) {
    case "Int":
      return 100;
    case "Float":
      return 1.5;
    case "Boolean":
      return true;
    case "DateTime":
      return "2030-01-01T00:00:00.000Z";
    default:
      return "1";
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
