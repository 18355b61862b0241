import type { Client } from "graphql-ws";
import { Message } from "../../entities";
import type { TestUser } from "../support/fixtures";
import { postGraphQL } from "../support/graphql-http";
import { liveClient, subscribe } from "../support/live-client";
import { useGateway } from "../support/use-gateway";

const gateway = useGateway();

let director: TestUser;
let talent: TestUser;
const clients: Client[] = [];

beforeAll(async () => {
  director = await gateway.fixtures.director();
  talent = await gateway.fixtures.talent();
});

afterAll(async () => {
  await Promise.all(clients.map((client) => client.dispose()));
});

/** Thirteen levels of fields (dashboard … id): one more than the default limit of 12. */
const TOO_DEEP =
  `{ dashboard { applications { edges { node { role { production { roles { production { castingDirector { name } } } } } } } } } }`.replace(
    "castingDirector { name }",
    "roles { production { roles { production { id } } } }",
  );
const sendMessages = (count: number) =>
  `mutation { ${Array.from({ length: count }, (_, i) => `m${i}: sendMessage(input: { toUserId: "TALENT", body: "alias ${i}" }) { id }`).join(" ")} }`;
const TOO_MANY_DIRECTIVES = `{ viewer { ${Array.from({ length: 31 }, () => "id @include(if: true)").join(" ")} } }`;
const TOO_MANY_TOKENS = `{ viewer { ${"id ".repeat(2100)}} }`;
/** Within every other limit, but a page of 100 applications, each with its production's roles of roles: far over the cost limit. */
const TOO_COSTLY = `{ dashboard { applications(first: 100) { edges { node { role { production { roles { production { roles { id name } } } } } } } } } }`;

/** Over the cost limit with `first: 100`, well within it with `first: 1`. */
const COSTLY_WITH_LARGE_PAGES = `query Pages($first: Int!) {
  dashboard { applications(first: $first) { edges { node { role { production { roles { production { roles { id name } } } } } } } } }
}`;

const rejected: Array<[string, () => string, string, RegExp]> = [
  [
    "nests deeper than 12 levels",
    () => TOO_DEEP,
    "GRAPHQL_VALIDATION_FAILED",
    /^Query depth limit of 12 exceeded, found 13\.$/,
  ],
  [
    "uses more than 30 aliases",
    () => sendMessages(31).replaceAll("TALENT", String(talent.user.id)),
    "GRAPHQL_VALIDATION_FAILED",
    /^Aliases limit of 30 exceeded, found 31\.$/,
  ],
  [
    "uses more than 30 directives",
    () => TOO_MANY_DIRECTIVES,
    "GRAPHQL_VALIDATION_FAILED",
    /^Directives limit of 30 exceeded, found 31\.$/,
  ],
  ["has more than 2000 tokens", () => TOO_MANY_TOKENS, "GRAPHQL_PARSE_FAILED", /more tha[nt] 2000 tokens/],
  ["costs more than 5000", () => TOO_COSTLY, "OPERATION_LIMIT_EXCEEDED", /estimated cost is \d+; the limit is 5000/],
];

describe("operation limits over HTTP", () => {
  it.each(rejected)(
    "refuses an operation that %s with a 400, before executing it",
    async (_label, query, code, message) => {
      const before = await gateway.app.db.getRepository(Message).count();
      const response = await postGraphQL(gateway.app.url, query(), {}, { token: director.token });
      expect(response.status).toBe(400);
      expect(response.data).toBeUndefined();
      expect(response.errors?.[0]?.extensions?.code).toBe(code);
      expect(response.errors?.[0]?.message).toMatch(message);
      expect(await gateway.app.db.getRepository(Message).count()).toBe(before);
    },
  );

  it("runs the same kind of operation within the limits", async () => {
    const response = await postGraphQL(
      gateway.app.url,
      sendMessages(30).replaceAll("TALENT", String(talent.user.id)),
      {},
      { token: director.token },
    );
    expect(response.errors).toBeUndefined();
    expect(Object.keys(response.data!)).toHaveLength(30);
  });
  it("judges each request of the same document by its own variables", async () => {
    const post = (first: number) =>
      postGraphQL(gateway.app.url, COSTLY_WITH_LARGE_PAGES, { first }, { token: talent.token });
    for (const first of [1, 100, 1, 100]) {
      const response = await post(first);
      if (first === 1) {
        expect(response.errors).toBeUndefined();
        expect(response.data).toEqual({ dashboard: { applications: { edges: [] } } });
      } else {
        expect(response.status).toBe(400);
        expect(response.errors?.[0]?.extensions?.code).toBe("OPERATION_LIMIT_EXCEEDED");
      }
    }
  });
});

describe("variables that do not fit the operation", () => {
  it("are refused by execution over HTTP as before the cost check: 400 BAD_USER_INPUT with graphql-js's message", async () => {
    const response = await postGraphQL(
      gateway.app.url,
      COSTLY_WITH_LARGE_PAGES,
      { first: "many" },
      { token: talent.token },
    );
    expect(response.status).toBe(400);
    expect(response.errors).toEqual([
      {
        message: 'Variable "$first" got invalid value "many"; Int cannot represent non-integer value: "many"',
        locations: [{ line: 1, column: 13 }],
        extensions: { code: "BAD_USER_INPUT" },
      },
    ]);
  });
});

describe("operation limits over graphql-ws", () => {
  it.each(rejected)("refuses an operation that %s, before executing it", async (_label, query, code, message) => {
    const before = await gateway.app.db.getRepository(Message).count();
    const client = liveClient(gateway.app.url, director.token);
    clients.push(client);
    const subscription = subscribe(client, query());
    const errors = (await subscription.ended) as Array<{ message: string; extensions?: { code?: string } }>;
    expect(Array.isArray(errors)).toBe(true);
    expect(errors[0]!.message).toMatch(message);
    expect(errors[0]!.extensions?.code).toBe(code);
    expect(await gateway.app.db.getRepository(Message).count()).toBe(before);
  });

  it("judges each operation of the same document by its own variables", async () => {
    const client = liveClient(gateway.app.url, talent.token);
    clients.push(client);
    for (const first of [1, 100, 1, 100]) {
      const subscription = subscribe(client, COSTLY_WITH_LARGE_PAGES, { first });
      const ended = await subscription.ended;
      if (first === 1) {
        expect(ended).toBe("complete");
        expect(subscription.drain()).toEqual([{ data: { dashboard: { applications: { edges: [] } } } }]);
      } else {
        const errors = ended as Array<{ extensions?: { code?: string } }>;
        expect(errors[0]!.extensions?.code).toBe("OPERATION_LIMIT_EXCEEDED");
      }
    }
  });
});
