import type { Client } from "graphql-ws";
import type { App } from "../../src/app";
import { fixtures, type TestUser } from "../support/fixtures";
import { postGraphQL } from "../support/graphql-http";
import { liveClient, subscribe } from "../support/live-client";
import { startTestApp, testConfig } from "../support/test-app";
import { createTestDatabase, type TestDatabase } from "../support/test-database";

/*
 * With introspection off, no error may hint at the schema: graphql-js adds
 * "Did you mean …?" to validation errors (fields, arguments, enum literals)
 * and to the errors of coercing variables (input field names, enum values).
 * Both transports format errors in src/format-error.ts, which drops them;
 * with introspection on (development) the hints stay, as they help.
 */

const ADD_MEDIA = `mutation($input: AddMediaInput!) { addMedia(input: $input) { id } }`;
const CREATE_PRODUCTION = `mutation($input: CreateProductionInput!) { createProduction(input: $input) { id } }`;
const inAWeek = new Date(Date.now() + 7 * 24 * 3600 * 1000).toISOString();

interface Mistake {
  name: string;
  as: "talent" | "director";
  query: string;
  variables: Record<string, unknown>;
  /** The message with introspection off. */
  hidden: string;
  /** The hint that development adds to it. */
  hint: string;
}

const MISTAKES: Mistake[] = [
  {
    name: "an input field typo in the variables",
    as: "director",
    query: CREATE_PRODUCTION,
    variables: { input: { titel: "Hamlet", title: "Hamlet", expiresAt: inAWeek } },
    hidden: `Variable "$input" got invalid value { titel: "Hamlet", title: "Hamlet", expiresAt: "${inAWeek}" }; Field "titel" is not defined by type "CreateProductionInput".`,
    hint: ` Did you mean "title"?`,
  },
  {
    name: "an enum value typo in the variables",
    as: "talent",
    query: ADD_MEDIA,
    variables: { input: { kind: "PHOTOO", title: "Headshot", bytes: 1, url: "https://media.test/1" } },
    hidden: `Variable "$input" got invalid value "PHOTOO" at "input.kind"; Value "PHOTOO" does not exist in "MediaKind" enum.`,
    hint: ` Did you mean the enum value "PHOTO"?`,
  },
  {
    name: "an input field typo in the document",
    as: "director",
    query: `mutation { createProduction(input: { titel: "Hamlet", title: "Hamlet", expiresAt: "${inAWeek}" }) { id } }`,
    variables: {},
    hidden: `Field "titel" is not defined by type "CreateProductionInput".`,
    hint: ` Did you mean "title"?`,
  },
  {
    name: "an enum value typo in the document",
    as: "talent",
    query: `mutation { addMedia(input: { kind: PHOTOO, title: "Headshot", bytes: 1, url: "https://media.test/1" }) { id } }`,
    variables: {},
    hidden: `Value "PHOTOO" does not exist in "MediaKind" enum.`,
    hint: ` Did you mean the enum value "PHOTO"?`,
  },
];

let database: TestDatabase;
let production: App;
let development: App;
let talent: TestUser;
let director: TestUser;
const clients: Client[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  ({ app: production } = await startTestApp(
    // Trusted documents off: the hints must stay hidden for any document, not only for trusted ones.
    testConfig(database.config, { NODE_ENV: "production", INTROSPECTION: "false", TRUSTED_DOCUMENTS: "off" }),
  ));
  ({ app: development } = await startTestApp(
    testConfig(database.config, { NODE_ENV: "development", INTROSPECTION: "true" }),
  ));
  talent = await fixtures(production.db).talent();
  director = await fixtures(production.db).director();
});

afterAll(async () => {
  await Promise.all(clients.map((client) => client.dispose()));
  await production?.stop();
  await development?.stop();
  await database?.drop();
});

async function messagesOverHttp(app: App, mistake: Mistake): Promise<{ status: number; messages: string[] }> {
  const user = mistake.as === "talent" ? talent : director;
  const response = await postGraphQL(app.url, mistake.query, mistake.variables, { token: user.token });
  return { status: response.status, messages: (response.errors ?? []).map((error) => error.message) };
}

async function messagesOverWebSocket(app: App, mistake: Mistake): Promise<string[]> {
  const user = mistake.as === "talent" ? talent : director;
  const client = liveClient(app.url, user.token);
  clients.push(client);
  const subscription = subscribe(client, mistake.query, mistake.variables);
  // Validation errors end the operation with an `error` message; coercion errors come as a result.
  const outcome = await Promise.race([subscription.ended, subscription.next()]);
  const errors = Array.isArray(outcome) ? outcome : ((outcome as { errors?: unknown[] }).errors ?? []);
  return (errors as Array<{ message: string }>).map((error) => error.message);
}

describe.each(MISTAKES.map((mistake) => [mistake.name, mistake] as const))("%s", (_name, mistake) => {
  it("gets no suggestion over HTTP with introspection off", async () => {
    expect(await messagesOverHttp(production, mistake)).toEqual({ status: 400, messages: [mistake.hidden] });
  });

  it("gets no suggestion over graphql-ws with introspection off", async () => {
    expect(await messagesOverWebSocket(production, mistake)).toEqual([mistake.hidden]);
  });

  it("gets the suggestion on both transports in development", async () => {
    expect(await messagesOverHttp(development, mistake)).toEqual({
      status: 400,
      messages: [mistake.hidden + mistake.hint],
    });
    expect(await messagesOverWebSocket(development, mistake)).toEqual([mistake.hidden + mistake.hint]);
  });
});
