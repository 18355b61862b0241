/*
 * `npm run bench:validation [-- options]`: how long the gateway takes to judge
 * a document (token-limited parse, the linear limit checks, graphql-js's
 * validation when those pass, the cost estimate) against the document's size,
 * for two families: a fragment fan-out (each fragment spreads the next twice,
 * refused by the expanded-field limit) and a wide document (distinct fields of
 * the schema under one fragment each, accepted while within the limits, and
 * once more without the field limit, to show what graphql-js's own rules
 * cost when nothing stops a document before them). It
 * runs the websocket path's own preparer (src/ws/prepare-operation.ts; the
 * HTTP plugin calls the same functions) in this process, with the default
 * limits except the token limit, raised so that the sizes can grow. Each
 * document is judged fresh (a comment makes its text new, so no cache helps).
 * It also prints the project's own operations against the default limits.
 *
 *   --sizes LIST   fragments per document (default 10,20,40,80,160,320,640,1280; the wide
 *                  family without the field limit stops at 320)
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
} from "graphql";
import { loadConfig } from "../src/config";
import { operationCost } from "../src/limits/cost";
import { createDocumentLimitCheck } from "../src/limits/document-limits";
import { expandedFieldCount } from "../src/limits/field-count.rule";
import { buildGatewaySchema } from "../src/schema/build-schema";
import { createOperationPreparer } from "../src/ws/prepare-operation";
import { helpRequested, listArgument, numberArgument } from "./support/args";
import { finishBench, log } from "./support/report";
import { REPO_ROOT } from "./support/processes";
import { sortedCopy, table } from "./support/stats";

const argv = process.argv.slice(2);
const SIZES = listArgument(argv, "sizes", [10, 20, 40, 80, 160, 320, 640, 1280]);
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
  /** Parse with the token limit and the linear limit check, median ms. */
  checkMs: number;
  /** The whole preparation: parse, limit check, graphql-js's validation and the cost when the check passes. */
  wholeMs: number;
}

/** The median of `REPEAT` runs after 3 unmeasured ones, each on a text of its own so that no cache answers. */
function medianMs(run: (suffix: string) => void): number {
  const times: number[] = [];
  for (let i = 0; i < REPEAT + 3; i += 1) {
    const suffix = `\n# ${(fresh += 1)}`;
    const start = process.hrtime.bigint();
    run(suffix);
    if (i >= 3) times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return sortedCopy(times)[Math.floor(times.length / 2)]!;
}
let fresh = 0;

async function main(): Promise<void> {
  if (helpRequested(argv, __filename)) return;
  const started = Date.now();
  const problems: string[] = [];
  const schema = await buildGatewaySchema();
  const defaults = loadConfig({ NODE_ENV: "test", JWT_SECRET: "bench-secret-that-is-long-enough-to-pass" }).limits;
  // Large documents need more tokens; the wide family's aliases would stop it before its fields do.
  const limits = { ...defaults, maxTokens: 1_000_000, maxAliases: 1_000_000 };
  // What graphql-js alone would do with the wide family: no field limit in front of it.
  const unlimited = { ...limits, maxFields: 100_000_000, maxCost: 1e12, maxCostNodes: 1e9 };

  const rows: Row[] = [];
  for (const [family, build, familyLimits] of [
    ["fan-out", fanOut, limits],
    ["wide", wide, limits],
    ["wide, no field limit", wide, unlimited],
  ] as const) {
    const prepare = createOperationPreparer(schema, { limits: familyLimits, rules: [] });
    const check = createDocumentLimitCheck(schema, familyLimits);
    for (const fragments of family === "wide, no field limit" ? SIZES.filter((n) => n <= 320) : SIZES) {
      const text = build(fragments);
      const result = prepare({ query: text });
      const outcome = Array.isArray(result) ? `refused: ${String(result[0]?.message).slice(0, 48)}…` : "accepted";
      const checkMs = medianMs((suffix) => check(parse(text + suffix, { maxTokens: familyLimits.maxTokens })));
      const wholeMs = medianMs((suffix) => prepare({ query: text + suffix }));
      rows.push({ family, fragments, bytes: Buffer.byteLength(text), outcome, checkMs, wholeMs });
      if (familyLimits === limits && wholeMs > 50) {
        problems.push(`${family} with ${fragments} fragments took ${wholeMs.toFixed(1)} ms`);
      }
    }
  }
  const perKb = (ms: number, bytes: number) => ((ms * 1000) / (bytes / 1024)).toFixed(0);
  log(
    `Judging a document, median of ${REPEAT} runs (after 3 unmeasured); default limits, MAX_TOKENS and MAX_ALIASES raised:`,
  );
  console.log(
    table(
      ["family", "fragments", "size", "outcome", "parse + check", "µs per KB", "whole", "µs per KB"],
      rows.map((row) => [
        row.family,
        row.fragments,
        `${(row.bytes / 1024).toFixed(1)} KB`,
        row.outcome,
        `${row.checkMs.toFixed(3)} ms`,
        perKb(row.checkMs, row.bytes),
        `${row.wholeMs.toFixed(3)} ms`,
        perKb(row.wholeMs, row.bytes),
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
  await finishBench({ resultsFile: RESULTS_FILE, results: { limits, rows, operations }, problems, started });
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
    ]);
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
