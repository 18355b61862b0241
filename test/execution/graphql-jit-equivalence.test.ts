import { ApolloServer, type ApolloServerPlugin } from "@apollo/server";
import {
  execute,
  GraphQLBoolean,
  GraphQLEnumType,
  GraphQLError,
  GraphQLID,
  GraphQLInputObjectType,
  GraphQLInt,
  GraphQLInterfaceType,
  GraphQLList,
  GraphQLNonNull,
  GraphQLObjectType,
  GraphQLSchema,
  GraphQLString,
  GraphQLUnionType,
  parse,
  type ExecutionResult,
} from "graphql";
import { createCompiledOperations } from "../../src/execution/compiled-operations";
import type { ExecutionPath } from "../../src/execution/execution-observer";
import { createOperationExecutor } from "../../src/execution/operation-executor";
import { formatError } from "../../src/format-error";
import { executionGateway } from "../../src/http/execution-gateway";
import { createMemoryLogger } from "../../src/logger";
import { DateTimeScalar } from "../../src/scalars/date-time.scalar";
import { sha256Hex } from "../../src/trusted-documents/document-hash";

/*
 * graphql-jit against graphql-js on the shapes the gateway's schema has and
 * some it has not yet (interfaces, unions), in-process: one Apollo Server with
 * the schema (Apollo runs graphql-js), one with the gateway's executor
 * compiling every document, each with the gateway's formatError. Every answer,
 * status, log line of a masked error and the sequence of plugin hooks must be
 * the same; so must the graphql-ws formatting of the executor's raw result.
 */

const Kind = new GraphQLEnumType({
  name: "Kind",
  values: { ACTOR: { value: "actor" }, DIRECTOR: { value: "director" } },
});

const Node: GraphQLInterfaceType = new GraphQLInterfaceType({
  name: "Node",
  fields: () => ({ id: { type: new GraphQLNonNull(GraphQLID) } }),
  resolveType: (value: { city?: string }) => (value.city === undefined ? "Person" : "Place"),
});

const Person: GraphQLObjectType = new GraphQLObjectType<PersonRow>({
  name: "Person",
  interfaces: [Node],
  isTypeOf: (value: { name?: string }) => value.name !== undefined,
  fields: () => ({
    id: { type: new GraphQLNonNull(GraphQLID) },
    name: { type: new GraphQLNonNull(GraphQLString) },
    born: { type: DateTimeScalar },
    kind: { type: new GraphQLNonNull(Kind) },
    friends: {
      type: new GraphQLNonNull(new GraphQLList(new GraphQLNonNull(Person))),
      args: { first: { type: GraphQLInt, defaultValue: 2 } },
      resolve: async (person: PersonRow, { first }: { first: number }) =>
        PEOPLE.filter((other) => other.id !== person.id).slice(0, first),
    },
    nickname: {
      type: GraphQLString,
      resolve: (person: PersonRow) => {
        if (person.id === "3") throw new Error("nickname store exploded: SELECT * FROM secrets");
        return person.id === "2" ? null : `${person.name}y`;
      },
    },
    agent: {
      type: new GraphQLNonNull(GraphQLString),
      resolve: async (person: PersonRow) => (person.id === "2" ? null : "Jo"),
    },
  }),
});

const Place = new GraphQLObjectType({
  name: "Place",
  interfaces: [Node],
  isTypeOf: (value: { city?: string }) => value.city !== undefined,
  fields: { id: { type: new GraphQLNonNull(GraphQLID) }, city: { type: GraphQLString } },
});

const SearchResult = new GraphQLUnionType({ name: "SearchResult", types: [Person, Place] });

const Holder = new GraphQLObjectType({
  name: "Holder",
  fields: {
    required: { type: new GraphQLNonNull(GraphQLString), resolve: () => null },
    alsoRequired: { type: new GraphQLNonNull(GraphQLString), resolve: async () => null },
    optional: { type: GraphQLString, resolve: () => "here" },
    coded: {
      type: GraphQLString,
      resolve: () => {
        throw new GraphQLError("Nothing here", { extensions: { code: "NOT_FOUND" } });
      },
    },
  },
});

const EchoInput = new GraphQLInputObjectType({
  name: "EchoInput",
  fields: {
    at: { type: new GraphQLNonNull(DateTimeScalar) },
    kinds: { type: new GraphQLList(new GraphQLNonNull(Kind)) },
    note: { type: GraphQLString, defaultValue: "none" },
    flag: { type: GraphQLBoolean },
  },
});

interface PersonRow {
  id: string;
  name: string;
  born: Date | null;
  kind: string;
}

const PEOPLE: PersonRow[] = [
  { id: "1", name: "Ada", born: new Date("1990-02-03T04:05:06.007Z"), kind: "actor" },
  { id: "2", name: "Bo", born: null, kind: "director" },
  { id: "3", name: "Cy", born: new Date("2001-12-31T23:59:59.999Z"), kind: "actor" },
];
const PLACES = [{ id: "p1", city: "Leeds" }];

let writes = 0;

const schema = new GraphQLSchema({
  types: [Person, Place],
  query: new GraphQLObjectType({
    name: "Query",
    fields: {
      node: { type: Node, args: { id: { type: new GraphQLNonNull(GraphQLID) } }, resolve: (_, { id }) => find(id) },
      search: {
        type: new GraphQLNonNull(new GraphQLList(new GraphQLNonNull(SearchResult))),
        resolve: async () => [...PEOPLE, ...PLACES],
      },
      people: {
        type: new GraphQLNonNull(new GraphQLList(new GraphQLNonNull(Person))),
        args: { first: { type: GraphQLInt, defaultValue: 2 } },
        resolve: (_, { first }) => PEOPLE.slice(0, first),
      },
      holder: { type: Holder, resolve: () => ({}) },
      required: { type: new GraphQLNonNull(GraphQLString), resolve: () => null },
      plain: {
        type: GraphQLString,
        resolve: () => Promise.reject(new TypeError("Cannot read properties of undefined (reading 'secret')")),
      },
      badEnum: { type: Kind, resolve: () => "alien" },
      badDate: { type: DateTimeScalar, resolve: () => new Date(Number.NaN) },
      badInt: { type: GraphQLInt, resolve: () => 2 ** 40 },
      notAList: { type: new GraphQLList(GraphQLString), resolve: () => 42 },
      nullableListOfPeople: {
        type: new GraphQLList(new GraphQLNonNull(Person)),
        resolve: async () => [PEOPLE[0], null, Promise.resolve(null)],
      },
      nullableItems: {
        type: new GraphQLList(Person),
        resolve: () => [PEOPLE[0], null, Promise.reject(new Error("third person exploded"))],
      },
      echo: {
        type: GraphQLString,
        args: { input: { type: new GraphQLNonNull(EchoInput) }, times: { type: GraphQLInt } },
        resolve: (_, args) =>
          JSON.stringify(args, (_key, value) => (value instanceof Date ? `Date(${value.toISOString()})` : value)),
      },
    },
  }),
  mutation: new GraphQLObjectType({
    name: "Mutation",
    fields: {
      write: {
        type: new GraphQLNonNull(GraphQLInt),
        args: { delayMs: { type: new GraphQLNonNull(GraphQLInt) } },
        // Serial execution: a slower first write still finishes first.
        resolve: async (_, { delayMs }) => {
          await new Promise((resolve) => setTimeout(resolve, delayMs));
          return (writes += 1);
        },
      },
    },
  }),
});

function find(id: string) {
  return PEOPLE.find((person) => person.id === id) ?? PLACES.find((place) => place.id === id) ?? null;
}

/** Each case: a document and its variables; `interpreted` when it is not to be compiled. */
const CASES: Array<{ name: string; query: string; variables?: Record<string, unknown>; interpreted?: true }> = [
  {
    name: "interfaces and unions with inline fragments, fragments and __typename",
    query: `query Shapes($id: ID!) {
      node(id: $id) { __typename id ... on Person { name kind born } ... on Place { city } }
      place: node(id: "p1") { __typename ...PlaceBits }
      search { __typename ... on Person { id name } ... on Place { id city } ... on Node { id } }
    }
    fragment PlaceBits on Place { id city }`,
    variables: { id: "1" },
  },
  {
    name: "aliases, merged fields, arguments with defaults and nested lists",
    query: `{ a: people { id name friends { id } } b: people(first: 3) { id friends(first: 1) { name kind } }
      people { id ... on Person { id name } } }`,
  },
  {
    name: "@skip and @include on fields, inline fragments and fragment spreads",
    query: `query Directives($yes: Boolean!, $no: Boolean!) {
      people { id name @include(if: $yes) born @skip(if: $yes)
        ...Kinds @include(if: $no)
        ... on Person @skip(if: $no) { kind }
        ... on Person { friends @include(if: $yes) { id ...Kinds @skip(if: $yes) } } }
    }
    fragment Kinds on Person { kind name }`,
    variables: { yes: true, no: false },
    interpreted: true,
  },
  {
    name: "a fragment spread skipped, then spread again (graphql-jit would follow only the first)",
    query: `query Again($no: Boolean!) { people { id ...Names @include(if: $no) ...Names } } fragment Names on Person { name }`,
    variables: { no: false },
    interpreted: true,
  },
  {
    name: "an alias __proto__ (graphql-jit would set its object's prototype instead)",
    query: "{ __proto__: people { id } constructor: people(first: 1) { name } }",
    interpreted: true,
  },
  {
    name: "a null in a non-null field bubbling to the nearest nullable parent",
    query: "{ holder { optional required } people { id } }",
  },
  {
    name: "two nulls in non-null fields of one nullable parent",
    query: "{ holder { required alsoRequired } }",
  },
  {
    name: "a null in a non-null root field nulling the whole answer",
    query: "{ people { id } required }",
  },
  {
    name: "non-null items in a list: one null item and one failing field null the list's parent",
    query: "{ people(first: 3) { id agent nickname } }",
  },
  {
    name: "two null items in a nullable list of non-null items",
    query: "{ nullableListOfPeople { id } people { id } }",
  },
  {
    name: "a nullable list whose items fail one by one",
    query: "{ nullableItems { id name } }",
  },
  {
    name: "errors with codes and unexpected errors side by side",
    query: "{ holder { coded optional } plain people(first: 3) { nickname } }",
  },
  {
    name: "values their types cannot serialise",
    query: "{ badEnum badDate badInt notAList }",
  },
  {
    name: "input objects, enums, DateTime and defaults from variables",
    query: `query Echo($input: EchoInput!, $times: Int) { echo(input: $input, times: $times) }`,
    variables: { input: { at: "2026-12-01T10:00:00+01:00", kinds: ["ACTOR", "DIRECTOR"] }, times: 2 },
  },
  {
    name: "input objects, enums and DateTime written in the document",
    query: `{ echo(input: { at: "2026-12-01T10:00:00Z", kinds: [DIRECTOR], flag: false, note: null }) }`,
  },
  {
    name: "a single value where a list is declared, coerced to a list",
    query: `query Echo($kinds: [Kind!]) { echo(input: { at: "2026-12-01T10:00:00Z", kinds: $kinds }) }`,
    variables: { kinds: "ACTOR" },
  },
  {
    name: "variables that do not coerce",
    query: `query Echo($input: EchoInput!) { echo(input: $input) }`,
    variables: { input: { at: "yesterday", kinds: ["ALIEN"], extra: 1 } },
  },
  {
    name: "a missing required variable",
    query: `query Shapes($id: ID!) { node(id: $id) { id } }`,
  },
  {
    name: "mutations one after the other",
    query: `mutation { first: write(delayMs: 30) second: write(delayMs: 0) third: write(delayMs: 10) }`,
  },
];

/** The hooks a plugin sees, in order, with the errors each saw. */
function recordingPlugin(seen: string[]): ApolloServerPlugin {
  return {
    async requestDidStart() {
      seen.push("requestDidStart");
      return {
        async didResolveSource() {
          seen.push("didResolveSource");
        },
        async parsingDidStart() {
          seen.push("parsingDidStart");
        },
        async validationDidStart() {
          seen.push("validationDidStart");
        },
        async didResolveOperation() {
          seen.push("didResolveOperation");
        },
        async responseForOperation() {
          seen.push("responseForOperation");
          return null;
        },
        async executionDidStart() {
          seen.push("executionDidStart");
          return {
            async executionDidEnd(error) {
              seen.push(`executionDidEnd${error ? " with an error" : ""}`);
            },
          };
        },
        async didEncounterErrors({ errors }) {
          seen.push(`didEncounterErrors ${errors.length}`);
        },
        async willSendResponse({ response }) {
          seen.push(`willSendResponse ${response.http.status ?? 200}`);
        },
      };
    },
  };
}

function server(options: { compiled: boolean; seen: string[]; logger: ReturnType<typeof createMemoryLogger> }) {
  const executor = createOperationExecutor({
    schema,
    compiled: createCompiledOperations({ schema, logger: options.logger }),
    isTrusted: () => true,
    observer: { executionDidStart: ({ path }) => void paths.push(path) },
  });
  return new ApolloServer({
    ...(options.compiled ? { gateway: executionGateway(schema, executor) } : { schema }),
    includeStacktraceInErrorResponses: false,
    formatError: (formatted, error) => formatError(formatted, error, options.logger),
    plugins: [recordingPlugin(options.seen)],
  });
}

const paths: ExecutionPath[] = [];
const seen = { interpreted: [] as string[], compiled: [] as string[] };
const loggers = { interpreted: createMemoryLogger(), compiled: createMemoryLogger() };
const servers = {
  interpreted: server({ compiled: false, seen: seen.interpreted, logger: loggers.interpreted }),
  compiled: server({ compiled: true, seen: seen.compiled, logger: loggers.compiled }),
};

beforeAll(async () => {
  await servers.interpreted.start();
  await servers.compiled.start();
});

afterAll(async () => {
  await servers.interpreted.stop();
  await servers.compiled.stop();
});

describe("graphql-jit answers as graphql-js does, through Apollo", () => {
  it.each(CASES.map((testCase) => [testCase.name, testCase] as const))("%s", async (_name, testCase) => {
    const answers: Record<string, { status: number | undefined; body: string; seen: string[]; logged: string }> = {};
    for (const path of ["interpreted", "compiled"] as const) {
      writes = 0;
      paths.length = 0;
      seen[path].length = 0;
      loggers[path].lines.length = 0;
      const response = await servers[path].executeOperation({ query: testCase.query, variables: testCase.variables });
      if (response.body.kind !== "single") throw new Error("expected a single result");
      answers[path] = {
        status: response.http.status,
        body: JSON.stringify(response.body.singleResult),
        seen: [...seen[path]],
        // What masking logged (the compiled side also says, once, which documents it does not compile).
        logged: JSON.stringify(
          loggers[path].lines
            .filter(({ msg }) => !msg.startsWith("graphql-jit cannot compile"))
            .map(({ level, msg, path }) => [level, msg, path]),
        ),
      };
    }
    expect(answers.compiled).toEqual(answers.interpreted);
    // Compiled unless it uses @skip/@include (variables graphql-jit refuses are worded by graphql-js).
    expect(paths).toEqual([testCase.interpreted ? "interpreted" : "compiled"]);
    expect(answers.compiled!.seen).toContain("executionDidStart");
  });
});

describe("graphql-jit answers as graphql-js does, formatted as graphql-ws sends it", () => {
  const logger = createMemoryLogger();
  const executor = createOperationExecutor({
    schema,
    compiled: createCompiledOperations({ schema, logger }),
    isTrusted: () => true,
  });
  /** What src/ws/websocket-server.ts's onNext makes of a result. */
  const asSent = (result: ExecutionResult) =>
    JSON.stringify(
      result.errors
        ? { ...result, errors: result.errors.map((error) => formatError(error.toJSON(), error, logger)) }
        : result,
    );

  it.each(CASES.map((testCase) => [testCase.name, testCase] as const))("%s", async (_name, testCase) => {
    const document = parse(testCase.query);
    writes = 0;
    const interpreted = asSent(
      await execute({ schema, document, variableValues: testCase.variables, contextValue: {} }),
    );
    writes = 0;
    const compiled = asSent(
      await executor({
        document,
        documentKey: sha256Hex(testCase.query),
        variableValues: testCase.variables,
        contextValue: {},
        transport: "websocket",
      }),
    );
    expect(compiled).toBe(interpreted);
  });
});
