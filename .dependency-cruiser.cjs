/**
 * The import rules of STYLE.md ("What may import what", "Directions of import"),
 * checked by `npm run lint:imports` in `npm test`'s pretest. From the top down:
 *
 *   main.ts → app.ts (composition root) → seed/, http/, ws/, schema/;  http/, ws/ → execution/
 *   http/, ws/ → metrics/ (instruments; the live layer's observer types, the limits' refusal class)
 *   schema/ → resolvers/ → mutations/, queries/, live/, auth/ (resolvers: through the context)
 *   mutations/ → role-matches/, outbox/;  queries/ → pagination/;  auth/ → rate-limits/
 *   … → loaders/ → db/ → entities/
 *   every layer → domain/ (what a dashboard means), which imports nothing of the layers
 *
 * Each folder lists what it may import (a project module outside the list is a
 * violation); the lists form a DAG, so folders cannot import each other in a
 * ring. `.dependency-cruiser-folders.cjs` checks that at folder level too, and
 * `no-cycles` below at file level. Type-only imports count: a type that crosses
 * a boundary upward ties the lower layer to the upper one all the same. The few
 * exceptions are the Context type (src/context.ts), which names every service and
 * is read by whatever receives a context, and say so below.
 */

const PROJECT = "^(src|entities|resolvers|test|bench|examples|codegen|playground)/";
const ENTITIES = "^entities/";
const DOMAIN = "^src/domain/";
const DB = "^src/db/";
const ERRORS = "^src/errors\\.ts$";
const LOGGER = "^src/logger\\.ts$";
const CONFIG = "^src/config\\.ts$";
const CONTEXT = "^src/context\\.ts$";
const CHARACTER_COUNT = "^src/character-count\\.ts$";
const SELECTED_FIELDS = "^src/selected-fields\\.ts$";
const REPEATING_JOB = "^src/repeating-job\\.ts$";
const LOGGING = "^src/logging/";
/** The opaque handle traced work is handed (src/trace-parent.ts): a type every layer that carries work may name. */
const TRACE_PARENT = "^src/trace-parent\\.ts$";

/** A folder (or file) that may import, of the project, only itself and `allowed`. */
function mayImportOnly(name, comment, from, allowed) {
  return {
    name,
    comment,
    severity: "error",
    from: { path: from },
    to: { path: PROJECT, pathNot: [from, ...allowed] },
  };
}

module.exports = {
  forbidden: [
    {
      name: "no-cycles",
      comment: "No import cycles between files, type-only imports included (graphql-js forbids them by lint).",
      severity: "error",
      from: {},
      to: { circular: true },
    },

    // The bottom: entities and the domain rules.
    mayImportOnly(
      "entities-import-only-entities",
      "Entities are the TypeORM tables and GraphQL object types: they import only sibling entities.",
      ENTITIES,
      [],
    ),
    {
      name: "entities-use-only-typeorm-and-type-graphql",
      comment: "Entities import only typeorm and type-graphql (and sibling entities): no driver, no GraphQL server.",
      severity: "error",
      from: { path: ENTITIES },
      to: {
        dependencyTypes: ["npm", "npm-dev", "npm-optional", "npm-peer", "npm-no-pkg", "npm-unknown"],
        pathNot: "node_modules/(typeorm|type-graphql)/",
      },
    },
    mayImportOnly(
      "domain-imports-nothing-of-the-layers",
      "What a dashboard means (isOpen, the profile score, the application buckets, the page limit) is pure: " +
        "it speaks the contract's enums (entities/enums.ts, which imports only type-graphql) and nothing else.",
      DOMAIN,
      ["^entities/enums\\.ts$"],
    ),

    // The read side, bottom up: db → loaders → queries (pagination beside them).
    mayImportOnly(
      "db-imports-only-entities",
      "db/ is the data source, migrations, transactions and the SQL helpers: it knows the entities, the " +
        "domain's row shapes and its own settings (DatabaseConfig), nothing above.",
      DB,
      [ENTITIES, DOMAIN, CONFIG],
    ),
    mayImportOnly(
      "loaders-import-only-db-and-entities",
      "A loader is one batched read: it imports db/ (runSql, row values, column lists), entities and the domain, " +
        "never queries, resolvers or services.",
      "^src/loaders/",
      [DB, ENTITIES, DOMAIN],
    ),
    mayImportOnly(
      "pagination-imports-only-errors",
      "Cursors and pages are used by queries and shown by resolvers; they need only the errors and the page limit.",
      "^src/pagination/",
      [ERRORS, DOMAIN],
    ),
    mayImportOnly(
      "queries-import-only-downward",
      "The dashboard's lists prime and read loaders, run SQL through db/ and page with pagination/; " +
        "nothing in loaders/ or db/ calls back into them.",
      "^src/queries/",
      ["^src/loaders/", "^src/pagination/", DB, ENTITIES, DOMAIN, ERRORS],
    ),

    // The write side: mutations → role-matches → db.
    mayImportOnly(
      "role-matches-import-only-db",
      "The kept newRolesMatched counts and their settlement: SQL in one transaction, below the mutations that call it.",
      "^src/role-matches/",
      [DB, ENTITIES, DOMAIN, LOGGER, REPEATING_JOB],
    ),
    mayImportOnly(
      "mutations-import-only-downward",
      "The write side: its own services, the kept counts, the outbox its events are written to, db/ and loaders; " +
        "from live/ only the DomainEvent types it writes, from auth/ only the Viewer type.",
      "^src/mutations/",
      [
        "^src/role-matches/",
        "^src/outbox/",
        "^src/loaders/",
        "^src/live/",
        "^src/auth/",
        DB,
        ENTITIES,
        DOMAIN,
        ERRORS,
        CHARACTER_COUNT,
      ],
    ),
    {
      name: "mutations-take-live-and-auth-as-types",
      comment: "Mutations write DomainEvents to the outbox and are given the viewer: live/ and auth/ as types only.",
      severity: "error",
      from: { path: "^src/mutations/" },
      to: { path: "^src/(live|auth)/", dependencyTypesNot: ["type-only"] },
    },

    // The transactional outbox: below the mutations that write to it, beside live/ that it publishes to.
    mayImportOnly(
      "outbox-imports-only-db-and-event-types",
      "The outbox's rows and its relay: SQL through db/, the logger, and from live/ the DomainEvent types it " +
        "stores and the publisher type it hands them to (the composition root passes the live layer in).",
      "^src/outbox/",
      [DB, "^src/live/", LOGGER, REPEATING_JOB],
    ),
    {
      name: "outbox-takes-live-as-types",
      comment: "The relay publishes through the function it is given: it never builds or imports the live layer.",
      severity: "error",
      from: { path: "^src/outbox/" },
      to: { path: "^src/live/", dependencyTypesNot: ["type-only"] },
    },

    // Live updates and accounts: the other services beside mutations and queries.
    mayImportOnly(
      "live-imports-only-downward",
      "Subscriptions' streams over the bus: the readers they need (counts, new-role matching) and the clock are " +
        "passed in by the composition root, so live/ owns no SQL and imports no queries, loaders or db/.",
      "^src/live/",
      [ENTITIES, DOMAIN, ERRORS, LOGGER, TRACE_PARENT],
    ),
    mayImportOnly(
      "auth-imports-only-downward",
      "Accounts, tokens, passwords, the sign-in throttle (budgets from rate-limits/) and the authChecker (which " +
        "reads the Context type).",
      "^src/auth/",
      ["^src/rate-limits/", DB, ENTITIES, DOMAIN, ERRORS, LOGGER, CONFIG, CONTEXT, CHARACTER_COUNT],
    ),

    // The request gates the transports apply before execution.
    mayImportOnly(
      "rate-limits-import-only-leaves",
      "Budgets per account and address, charged by the transports and sign-in: settings, errors, the Context type.",
      "^src/rate-limits/",
      [ERRORS, LOGGER, CONFIG, CONTEXT, SELECTED_FIELDS],
    ),
    mayImportOnly(
      "limits-import-only-leaves",
      "Document limits and the cost estimate run on documents, before any resolver: errors and the page limit only.",
      "^src/limits/",
      [ERRORS, DOMAIN],
    ),
    mayImportOnly(
      "trusted-documents-import-only-leaves",
      "The manifests and the hash resolver both transports use: settings, errors, the logger.",
      "^src/trusted-documents/",
      [ERRORS, LOGGER, CONFIG],
    ),
    mayImportOnly(
      "logging-imports-nothing",
      "Request ids and the fields of an operation's log line, the same for both transports: pure functions.",
      LOGGING,
      [],
    ),
    mayImportOnly(
      "metrics-import-only-leaves",
      "Prometheus instruments, one registry per app: the live layer's observer types they implement, the limits' " +
        "refusal class (a rejection's reason) and the error codes; the transports and app.ts call them.",
      "^src/metrics/",
      ["^src/live/live-observer\\.ts$", "^src/limits/rejection\\.ts$", ERRORS, DOMAIN, CONFIG],
    ),
    {
      name: "metrics-take-live-as-types",
      comment: "The metrics implement the live layer's observer interfaces; they never call into the live layer.",
      severity: "error",
      from: { path: "^src/metrics/" },
      to: { path: "^src/live/", dependencyTypesNot: ["type-only"] },
    },
    mayImportOnly(
      "execution-imports-only-the-logger",
      "Compiled and interpreted execution of checked operations, for both transports: graphql-jit, graphql-js, " +
        "the logger and the selection walk; the transports hand it documents, contexts and the trusted-documents test.",
      "^src/execution/",
      [LOGGER, SELECTED_FIELDS],
    ),
    mayImportOnly(
      "scalars-import-nothing",
      "Custom scalars are graphql-js types, used by the schema.",
      "^src/scalars/",
      [],
    ),
    {
      name: "context-type-only-below-the-transports",
      comment:
        "Below the transports, the Context type is read (what a resolver or authChecker receives), never createContext.",
      severity: "error",
      from: { path: "^(resolvers|src/(auth|rate-limits|schema))/" },
      to: { path: CONTEXT, dependencyTypesNot: ["type-only"] },
    },

    // Resolvers: what the schema executes.
    mayImportOnly(
      "resolvers-never-import-db-or-config",
      "Resolvers reach data through the context (loaders, queries, services), never through db/, seed/ or the config, " +
        "and know nothing of the transports.",
      "^resolvers/",
      [ENTITIES, DOMAIN, ERRORS, CONTEXT, CHARACTER_COUNT, "^src/(auth|live|loaders|queries|mutations|pagination)/"],
    ),
    {
      name: "resolvers-read-through-the-context",
      comment: "Resolvers call loaders, queries and mutations through ctx; they import them for their types only.",
      severity: "error",
      from: { path: "^resolvers/" },
      to: { path: "^src/(loaders|queries|mutations|pagination)/", dependencyTypesNot: ["type-only"] },
    },

    // The top: schema, transports, seed, composition.
    mayImportOnly(
      "schema-imports-resolvers-and-below",
      "Building the schema: the resolvers, the authChecker, scalars, validation, and the deleted-viewer wrapper.",
      "^src/schema/",
      ["^resolvers/", "^src/auth/", "^src/scalars/", "^src/validation\\.ts$", ENTITIES, DOMAIN, ERRORS, CONTEXT],
    ),
    mayImportOnly(
      "http-imports-gates-and-context",
      "The HTTP transport applies the gates (limits, rate limits, trusted documents), builds contexts, logs requests " +
        "and hands Apollo's execution to the executor.",
      "^src/http/",
      [
        "^src/(limits|rate-limits|trusted-documents|execution)/",
        "^src/metrics/",
        "^src/format-error\\.ts$",
        LOGGING,
        CONTEXT,
        CONFIG,
        LOGGER,
        ERRORS,
      ],
    ),
    mayImportOnly(
      "ws-imports-gates-and-context",
      "The graphql-ws transport: the same gates as HTTP, tokens at connection_init, contexts per event, the executor.",
      "^src/ws/",
      [
        "^src/(auth|limits|rate-limits|trusted-documents|execution)/",
        "^src/metrics/",
        "^src/format-error\\.ts$",
        LOGGING,
        CONTEXT,
        CONFIG,
        LOGGER,
        ERRORS,
        TRACE_PARENT,
      ],
    ),
    mayImportOnly(
      "tracing-imports-only-what-it-wraps",
      "Tracing (src/tracing/) is installed by the composition root around the parts it observes: it knows its " +
        "settings, the logger, and from live/ the bus and event types it wraps. The transports take it through " +
        "types of their own (src/ws/websocket-tracing.ts, Apollo's and express's plugin types), never by import.",
      "^src/tracing/",
      ["^src/live/", CONFIG, LOGGER, TRACE_PARENT],
    ),
    {
      name: "tracing-takes-live-as-types",
      comment: "Tracing wraps the bus and the publisher it is given: it never builds the live layer.",
      severity: "error",
      from: { path: "^src/tracing/" },
      to: { path: "^src/live/", dependencyTypesNot: ["type-only"] },
    },
    mayImportOnly(
      "seed-imports-only-downward",
      "The seed writes rows through db/ with auth's password hashes and the settlement mark: above both, below app.ts.",
      "^src/seed/",
      [DB, "^src/auth/", ENTITIES, DOMAIN, CONFIG, LOGGER],
    ),
    mayImportOnly(
      "leaf-files-import-nothing",
      "errors.ts, logger.ts, character-count.ts, repeating-job.ts and trace-parent.ts are used by every layer, so they import none.",
      "^src/(errors|logger|character-count|repeating-job|trace-parent)\\.ts$",
      [],
    ),
    mayImportOnly(
      "config-imports-only-limit-types",
      "The config reads the environment; it names the limits' settings type and nothing else.",
      CONFIG,
      ["^src/limits/operation-limits\\.ts$"],
    ),
    mayImportOnly(
      "validation-and-format-error-import-leaves",
      "Input validation and error masking: errors, the logger, the database-unavailable test, the suggestions filter, the range checks.",
      "^src/(validation|format-error|range-checks)\\.ts$",
      [ERRORS, LOGGER, "^src/db/unavailable\\.ts$", "^src/limits/hide-suggestions\\.ts$", "^src/range-checks\\.ts$"],
    ),
    {
      name: "context-knows-services-not-transports",
      comment:
        "The context holds services, loaders and queries; the transports, the schema and resolvers sit above it.",
      severity: "error",
      from: { path: CONTEXT },
      to: { path: "^(resolvers/|test/|src/(http|ws|schema|seed)/|src/(app|main)\\.ts$)" },
    },
    {
      name: "only-main-and-tests-import-app",
      comment: "app.ts is the composition root: main.ts starts it, tests and benchmarks start their own.",
      severity: "error",
      from: { pathNot: "^(src/main\\.ts$|test/|bench/)" },
      to: { path: "^src/app\\.ts$" },
    },
    {
      name: "nothing-imports-main",
      comment: "main.ts reads the environment and starts the process: nothing imports it (a benchmark runs it as is).",
      severity: "error",
      from: { pathNot: "^bench/" },
      to: { path: "^src/main\\.ts$" },
    },
    {
      name: "nothing-outside-test-imports-test",
      comment: "Test helpers and fixtures never ship: only test/ imports test/.",
      severity: "error",
      from: { pathNot: "^test/" },
      to: { path: "^test/" },
    },
  ],
  options: {
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    doNotFollow: { path: "node_modules" },
    exclude: { path: "^(dist|node_modules)/" },
  },
};
