import "reflect-metadata";
import { Kind, parse, validate, type DocumentNode, type GraphQLSchema } from "graphql";
import { loadConfig } from "../../src/config";
import { operationCost } from "../../src/limits/cost";
import { createDocumentLimitCheck, type DocumentLimitCheck } from "../../src/limits/document-limits";
import { expandedFieldCount, SATURATED_COUNT } from "../../src/limits/field-count.rule";
import { variableDefinitionsRule } from "../../src/limits/variable-definitions.rule";
import { variablesLimitError } from "../../src/limits/variables-limit";
import { buildGatewaySchema } from "../../src/schema/build-schema";

let schema: GraphQLSchema;
let check: DocumentLimitCheck;

beforeAll(async () => {
  schema = await buildGatewaySchema();
  check = createDocumentLimitCheck(schema, loadConfig({ NODE_ENV: "test", JWT_SECRET: "x".repeat(40) }).limits);
});

/** `fragment F0 on Query { ...F1 ...F1 }` … `fragment Fn on Query { __typename }`. */
function fanOut(fragments: number): string {
  const parts = ["{ ...F0 }"];
  for (let i = 0; i < fragments; i += 1) parts.push(`fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`);
  parts.push(`fragment F${fragments} on Query { __typename }`);
  return parts.join("\n");
}

const fieldsOf = (text: string) => expandedFieldCount(parse(text));

describe("the expanded field count", () => {
  it("counts every field, nested ones included", () => {
    expect(fieldsOf("{ viewer { id name } dashboard { __typename } }")).toBe(5);
  });

  it("counts a fragment's fields once for each of its spreads", () => {
    expect(fieldsOf("{ viewer { ...U ...U } a: viewer { ...U } } fragment U on User { id name }")).toBe(8);
  });

  it("counts the fields of inline fragments", () => {
    expect(fieldsOf("{ viewer { ... on User { id ... { name } } } }")).toBe(3);
  });

  it("multiplies through a fan-out of 22 fragments: 2^22 fields", () => {
    expect(fieldsOf(fanOut(22))).toBe(4_194_304);
  });

  it("stops at the largest safe integer for a fan-out of 100 fragments", () => {
    expect(fieldsOf(fanOut(100))).toBe(SATURATED_COUNT);
    expect(fieldsOf(fanOut(1000))).toBe(SATURATED_COUNT);
  });

  it("adds up all the operations of the document", () => {
    expect(fieldsOf("query A { viewer { id } } query B { viewer { id name } } fragment Unused on User { id }")).toBe(5);
  });

  it("counts nothing for an unknown fragment or a spread back into a cycle, and ends", () => {
    expect(fieldsOf("{ viewer { id ...Missing } }")).toBe(2);
    expect(fieldsOf("{ viewer { ...A } } fragment A on User { id ...B } fragment B on User { name ...A }")).toBe(3);
  });

  it("counts 2,000 fragments in a chain without running out of stack", () => {
    const chain = Array.from({ length: 2000 }, (_, i) => `fragment C${i} on Query { __typename ...C${i + 1} }`);
    expect(fieldsOf(["{ ...C0 }", ...chain, "fragment C2000 on Query { __typename }"].join("\n"))).toBe(2001);
  });
});

describe("the variable definitions rule", () => {
  const definitions = (text: string, max: number) =>
    validate(schema, parse(text), [variableDefinitionsRule(max)]).map((error) => error.message);

  it("counts the variables of every operation in the document", () => {
    const text = "query A($a: Int, $b: Int) { viewer { id } } query B($c: Int) { viewer { id } }";
    expect(definitions(text, 3)).toEqual([]);
    expect(definitions(text, 2)).toEqual(["The document defines 3 variables; the limit is 2"]);
  });
});

describe("the variables' bounds", () => {
  const limits = { maxVariableDepth: 3, maxVariableValues: 10 };
  const nested = (levels: number): unknown => {
    let value: unknown = 1;
    for (let i = 0; i < levels; i += 1) value = i % 2 ? [value] : { inner: value };
    return value;
  };

  it("accepts lists and objects nested up to the depth limit", () => {
    expect(variablesLimitError({ input: nested(3) }, limits)).toBeNull();
  });

  it("refuses one level more, by its code", () => {
    const error = variablesLimitError({ input: nested(4) }, limits);
    expect(error?.message).toBe("The variables nest lists and objects more than 3 levels deep");
    expect(error?.extensions).toEqual({ code: "OPERATION_LIMIT_EXCEEDED", http: { status: 400 } });
  });

  it("counts every value: ten pass, eleven do not", () => {
    expect(variablesLimitError({ a: [1, 2, 3, 4], b: { c: null, d: "x", e: true }, f: 0 }, limits)).toBeNull();
    expect(variablesLimitError({ a: [1, 2, 3, 4, 5], b: { c: null, d: "x", e: true }, f: 0 }, limits)?.message).toBe(
      "The variables hold more than 10 values",
    );
  });

  it("refuses JSON nested 100,000 levels deep without recursion", () => {
    const deep = JSON.parse(`${"[".repeat(100_000)}${"]".repeat(100_000)}`);
    expect(variablesLimitError({ ids: deep }, { maxVariableDepth: 10, maxVariableValues: 1000 })?.message).toBe(
      "The variables nest lists and objects more than 10 levels deep",
    );
  });

  it("has nothing to say about absent variables", () => {
    expect(variablesLimitError(undefined, limits)).toBeNull();
    expect(variablesLimitError(null, limits)).toBeNull();
  });
});

const PATH = [
  "dashboard",
  "applications",
  "edges",
  "node",
  "role",
  "production",
  "roles",
  "production",
  "roles",
  "production",
  "roles",
  "production",
];

describe("the document limit check", () => {
  const refusal = (text: string | DocumentNode) =>
    check(typeof text === "string" ? parse(text) : text)?.message ?? null;
  /** `levels` fields, each inside the one before: dashboard { applications { … { id } } }. */
  const nest = (levels: number) => `{ ${PATH.slice(0, levels - 1).join(" { ")} { id${" }".repeat(levels - 1)} }`;

  it("accepts twelve levels of fields and refuses thirteen", () => {
    expect(refusal(nest(12))).toBeNull();
    expect(refusal(nest(13))).toBe("Query depth limit of 12 exceeded, found 13.");
  });

  it("does not count fragments as levels", () => {
    const text = `{ dashboard { applications { ...A } } } fragment A on ApplicationConnection { edges { ... on ApplicationEdge { node { role { production { roles { production { roles { id } } } } } } } } }`;
    expect(refusal(text)).toBeNull();
  });

  it("leaves __schema out of the depth, but not __type", () => {
    const ofTypes = (levels: number) => `${"ofType { ".repeat(levels)}name${" }".repeat(levels)}`;
    expect(refusal(`{ __schema { types { fields { type { ${ofTypes(8)} } } } } }`)).toBeNull();
    expect(refusal(`{ __type(name: "User") { fields { type { ${ofTypes(9)} } } } }`)).toBe(
      "Query depth limit of 12 exceeded, found 13.",
    );
  });

  it("counts aliases and directives with fragments expanded", () => {
    const aliases = Array.from({ length: 8 }, (_, i) => `a${i}: id`).join(" ");
    expect(refusal(`{ viewer { ...U ...U ...U ...U } } fragment U on User { ${aliases} }`)).toBe(
      "Aliases limit of 30 exceeded, found 32.",
    );
    expect(
      refusal(`{ viewer { ...D ...D ...D ...D } } fragment D on User { ${"id @skip(if: false) ".repeat(8)}}`),
    ).toBe("Directives limit of 30 exceeded, found 32.");
  });

  it("refuses a document that no rule can read instead of letting it through", () => {
    const broken = { kind: Kind.DOCUMENT, definitions: [{ kind: "Bogus" }] } as unknown as DocumentNode;
    expect(refusal(broken)).toBe("The operation could not be checked against the limits");
  });

  it("refuses the fan-out of 200 fragments by its expanded fields", () => {
    expect(refusal(parse(fanOut(200), { maxTokens: 5000 }))).toBe(
      `The document selects more than ${SATURATED_COUNT} fields once its fragments are expanded; the limit is 250`,
    );
  });

  it("refuses 251 fields and accepts 250", () => {
    expect(refusal(`{ viewer { ${"id ".repeat(249)}} }`)).toBeNull();
    expect(refusal(`{ viewer { ${"id ".repeat(250)}} }`)).toBe(
      "The document selects 251 fields once its fragments are expanded; the limit is 250",
    );
  });
});

describe("the cost estimate", () => {
  const PAGE = "query Page($first: Int) { dashboard { applications(first: $first) { edges { node { id } } } } }";

  it("multiplies a page's selection by its size", () => {
    expect(operationCost(schema, parse(PAGE), { first: 5 }, undefined, 10_000)).toBe(17);
  });

  it("leaves variables that do not coerce to execution, which refuses them", () => {
    expect(operationCost(schema, parse(PAGE), { first: "five" }, undefined, 10_000)).toBeNull();
  });

  it("refuses an operation it cannot estimate within the node limit", () => {
    // 100 fields, but 100 spreads of a chain of 100 fragments: 10,100 selections to evaluate.
    const chain = Array.from({ length: 100 }, (_, i) => `fragment C${i} on Query { ...C${i + 1} }`);
    const text = [`{ ${"...C0 ".repeat(100)}}`, ...chain, "fragment C100 on Query { __typename }"].join("\n");
    expect(expandedFieldCount(parse(text))).toBe(100);
    expect(() => operationCost(schema, parse(text), {}, undefined, 2_000)).toThrow(
      "The operation's cost could not be estimated within 2000 selections: Query exceeds the maximum allowed number of nodes.",
    );
  });
});

describe("the limits' settings", () => {
  const limitsOf = (env: Record<string, string>) => loadConfig({ NODE_ENV: "test", ...env }).limits;

  it("default to 250 fields, 50 variables, 2000 cost nodes, depth 12 and 1000 values for variables", () => {
    expect(limitsOf({})).toMatchObject({
      maxDepth: 12,
      maxFields: 250,
      maxVariables: 50,
      maxCostNodes: 2000,
      maxVariableDepth: 10,
      maxVariableValues: 1000,
    });
  });

  it("read each from its own variable", () => {
    const env = {
      MAX_FIELDS: "400",
      MAX_VARIABLES: "7",
      MAX_COST_NODES: "5000",
      MAX_VARIABLE_DEPTH: "4",
      MAX_VARIABLE_VALUES: "99",
    };
    expect(limitsOf(env)).toMatchObject({
      maxFields: 400,
      maxVariables: 7,
      maxCostNodes: 5000,
      maxVariableDepth: 4,
      maxVariableValues: 99,
    });
  });

  it.each([
    ["MAX_FIELDS", "0", "MAX_FIELDS must be an integer from 1 to 100000, got '0'"],
    ["MAX_VARIABLES", "-1", "MAX_VARIABLES must be an integer from 0 to 1000, got '-1'"],
    ["MAX_COST_NODES", "ten", "MAX_COST_NODES must be an integer from 100 to 1000000, got 'ten'"],
    ["MAX_VARIABLE_DEPTH", "0", "MAX_VARIABLE_DEPTH must be an integer from 1 to 1000, got '0'"],
    ["MAX_VARIABLE_VALUES", "1e3", "MAX_VARIABLE_VALUES must be an integer from 1 to 1000000, got '1e3'"],
  ])("refuse a bad %s by name", (name, value, message) => {
    expect(() => limitsOf({ [name]: value })).toThrow(message);
  });
});
