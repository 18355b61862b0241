import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Client, SubscribePayload } from "graphql-ws";
import type { App } from "../../src/app";
import type { TrustedDocumentsPolicy } from "../../src/config";
import { contractOperation } from "../support/contract-operations";
import { fixtures, type TestUser } from "../support/fixtures";
import { liveClient } from "../support/live-client";
import { startTestApp, testConfig } from "../support/test-app";
import { createTestDatabase, type TestDatabase } from "../support/test-database";

/*
 * Trusted documents on both transports and both policies: what runs by hash
 * (Apollo's extensions.persistedQuery and documentId), what runs in full, and
 * the exact status and code of everything refused. `require` gets two extra
 * manifests, one in each accepted format, as another client team would give them.
 */

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

const VIEWER = contractOperation("Viewer");
const VIEWER_HASH = sha256(VIEWER);
const COUNTS = contractOperation("NotificationCounts");
const LOGIN = contractOperation("Login");
/** The contract's Viewer, spelled another way: it prints the same, so it is the same document. */
const VIEWER_RESPELLED = `# the partner app's copy
query Viewer{viewer{id,name


  accountType # which dashboard
}}`;
/** One field more than the contract's Viewer: not a trusted document. */
const VIEWER_CHANGED = VIEWER.replace("accountType", "accountType\n    email");
const UNKNOWN_HASH = sha256("query Unknown { viewer { id } }");

/** Another client team's documents: Apollo's manifest format, and the flat one. */
const PARTNER_APOLLO = "query PartnerViewer {\n  viewer {\n    id\n  }\n}";
const PARTNER_FLAT = "query PartnerName {\n  viewer {\n    name\n  }\n}";

interface Gateway {
  app: App;
  logger: Awaited<ReturnType<typeof startTestApp>>["logger"];
  database: TestDatabase;
  talent: TestUser;
}

const gateways = {} as Record<TrustedDocumentsPolicy, Gateway>;
const clients: Client[] = [];
let manifestDir: string;

beforeAll(async () => {
  manifestDir = fs.mkdtempSync(path.join(os.tmpdir(), "trusted-documents-"));
  const apolloManifest = path.join(manifestDir, "partner-apollo.json");
  fs.writeFileSync(
    apolloManifest,
    JSON.stringify({
      format: "apollo-persisted-query-manifest",
      version: 1,
      operations: [{ id: sha256(PARTNER_APOLLO), body: PARTNER_APOLLO, name: "PartnerViewer", type: "query" }],
    }),
  );
  const flatManifest = path.join(manifestDir, "partner-flat.json");
  fs.writeFileSync(flatManifest, JSON.stringify({ [sha256(PARTNER_FLAT)]: PARTNER_FLAT }));

  const extra: Record<TrustedDocumentsPolicy, Record<string, string>> = {
    require: { TRUSTED_DOCUMENTS: "require", TRUSTED_DOCUMENTS_MANIFESTS: `${apolloManifest}, ${flatManifest}` },
    off: { TRUSTED_DOCUMENTS: "off" },
  };
  for (const policy of ["require", "off"] as const) {
    const database = await createTestDatabase();
    const { app, logger } = await startTestApp(testConfig(database.config, extra[policy]));
    gateways[policy] = { app, logger, database, talent: await fixtures(app.db).talent("Robin Trusted") };
  }
});

afterAll(async () => {
  await Promise.all(clients.map((client) => client.dispose()));
  for (const gateway of Object.values(gateways)) {
    await gateway.app.stop();
    await gateway.database.drop();
  }
  fs.rmSync(manifestDir, { recursive: true, force: true });
});

interface Answer {
  status?: number;
  data?: Record<string, unknown> | null;
  errors?: Array<{ message: string; extensions?: Record<string, unknown> }>;
}

async function post(policy: TrustedDocumentsPolicy, body: unknown, token?: string): Promise<Answer> {
  const { app, talent } = gateways[policy];
  const response = await fetch(app.url, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token ?? talent.token}` },
    body: JSON.stringify(body),
  });
  return { status: response.status, ...((await response.json()) as Answer) };
}

async function get(policy: TrustedDocumentsPolicy, params: Array<[string, string]>): Promise<Answer> {
  const { app, talent } = gateways[policy];
  const url = `${app.url}?${new URLSearchParams(params).toString()}`;
  const response = await fetch(url, {
    headers: { accept: "application/json", authorization: `Bearer ${talent.token}`, "apollo-require-preflight": "1" },
  });
  return { status: response.status, ...((await response.json()) as Answer) };
}

/** One operation over graphql-ws: its first result, or the error message that refused it. */
function overWebSocket(policy: TrustedDocumentsPolicy, payload: Record<string, unknown>): Promise<Answer> {
  const { app, talent } = gateways[policy];
  const client = liveClient(app.url, talent.token);
  clients.push(client);
  return new Promise((resolve) => {
    const unsubscribe = client.subscribe(payload as unknown as SubscribePayload, {
      next: (value) => {
        resolve(value as Answer);
        unsubscribe();
      },
      error: (error) => resolve({ errors: error as Answer["errors"] }),
      complete: () => undefined,
    });
  });
}

const persistedQuery = (sha256Hash: unknown, version: unknown = 1) => ({ persistedQuery: { version, sha256Hash } });
const code = (answer: Answer) => answer.errors?.[0]?.extensions?.code;
const viewerOf = (policy: TrustedDocumentsPolicy) => ({
  viewer: { id: String(gateways[policy].talent.user.id), name: "Robin Trusted", accountType: "TALENT" },
});

/** Malformed hashes: a client mistake under either policy, never an internal error. */
const MALFORMED: Array<[string, Record<string, unknown>]> = [
  ["a hash that is not hex", { extensions: persistedQuery("z".repeat(64)) }],
  ["a hash one digit short", { extensions: persistedQuery(VIEWER_HASH.slice(1)) }],
  ["a hash that is a number", { extensions: persistedQuery(12345) }],
  ["a hash that is an object", { extensions: persistedQuery({ hex: VIEWER_HASH }) }],
  ["no hash at all", { extensions: { persistedQuery: { version: 1 } } }],
  ["version 2", { extensions: persistedQuery(VIEWER_HASH, 2) }],
  ['version "1" (a string)', { extensions: persistedQuery(VIEWER_HASH, "1") }],
  ["a persistedQuery that is a string", { extensions: { persistedQuery: VIEWER_HASH } }],
  ["a documentId of another algorithm", { documentId: `md5:${VIEWER_HASH}` }],
  ["a documentId that is a number", { documentId: 42 }],
  ["a documentId and a sha256Hash that differ", { documentId: VIEWER_HASH, extensions: persistedQuery(UNKNOWN_HASH) }],
  ["a hash sent with a query it is not the hash of", { query: LOGIN, extensions: persistedQuery(VIEWER_HASH) }],
];

describe.each(["require", "off"] as const)("under TRUSTED_DOCUMENTS=%s", (policy) => {
  describe("over HTTP", () => {
    it("runs a manifest document sent by its hash in extensions.persistedQuery", async () => {
      expect(await post(policy, { extensions: persistedQuery(VIEWER_HASH) })).toEqual({
        status: 200,
        data: viewerOf(policy),
      });
    });

    it.each([
      ["prefixed", `sha256:${VIEWER_HASH}`],
      ["bare", VIEWER_HASH],
      ["upper-case", VIEWER_HASH.toUpperCase()],
    ])("runs a manifest document sent by documentId (%s)", async (_label, documentId) => {
      expect(await post(policy, { documentId })).toEqual({ status: 200, data: viewerOf(policy) });
    });

    it("runs a manifest document by hash over GET, in extensions and as documentId", async () => {
      const byExtension = await get(policy, [["extensions", JSON.stringify(persistedQuery(VIEWER_HASH))]]);
      expect(byExtension).toEqual({ status: 200, data: viewerOf(policy) });
      const byDocumentId = await get(policy, [["documentId", `sha256:${VIEWER_HASH}`]]);
      expect(byDocumentId).toEqual({ status: 200, data: viewerOf(policy) });
    });

    it("still refuses a mutation by hash over GET (405), as for any GET mutation", async () => {
      const answer = await get(policy, [["documentId", sha256(LOGIN)]]);
      expect(answer.status).toBe(405);
      expect(code(answer)).toBe("BAD_REQUEST");
    });

    it("runs a manifest document sent in full, and the same document spelled differently", async () => {
      expect(await post(policy, { query: VIEWER })).toEqual({ status: 200, data: viewerOf(policy) });
      expect(await post(policy, { query: VIEWER_RESPELLED })).toEqual({ status: 200, data: viewerOf(policy) });
      const overGet = await get(policy, [["query", VIEWER_RESPELLED]]);
      expect(overGet).toEqual({ status: 200, data: viewerOf(policy) });
    });

    it("answers an unknown hash with 404 PERSISTED_QUERY_NOT_FOUND, in both shapes", async () => {
      for (const body of [{ extensions: persistedQuery(UNKNOWN_HASH) }, { documentId: `sha256:${UNKNOWN_HASH}` }]) {
        const answer = await post(policy, body);
        expect(answer.status).toBe(404);
        expect(answer.errors).toEqual([
          {
            message: `No document is registered under the hash '${UNKNOWN_HASH}'`,
            extensions: { code: "PERSISTED_QUERY_NOT_FOUND" },
          },
        ]);
      }
    });

    it.each(MALFORMED)("answers %s with 400 PERSISTED_QUERY_INVALID", async (_label, body) => {
      const answer = await post(policy, body);
      expect(answer.status).toBe(400);
      expect(code(answer)).toBe("PERSISTED_QUERY_INVALID");
      expect(answer.data).toBeUndefined();
    });

    it.each([
      ["extensions that are a string", { extensions: JSON.stringify(persistedQuery(VIEWER_HASH)) }],
      ["a query that is a number", { query: 7, documentId: VIEWER_HASH }],
    ])("answers %s with 400 BAD_REQUEST", async (_label, body) => {
      const answer = await post(policy, body);
      expect(answer.status).toBe(400);
      expect(code(answer)).toBe("BAD_REQUEST");
    });

    it("answers GET parameters given twice, or extensions that are not JSON, with 400 BAD_REQUEST", async () => {
      const twice = await get(policy, [
        ["documentId", VIEWER_HASH],
        ["documentId", UNKNOWN_HASH],
      ]);
      expect([twice.status, code(twice)]).toEqual([400, "BAD_REQUEST"]);
      const notJson = await get(policy, [["extensions", "{persistedQuery"]]);
      expect([notJson.status, code(notJson)]).toEqual([400, "BAD_REQUEST"]);
    });

    it("logs none of these refusals as unexpected", () => {
      expect(gateways[policy].logger.lines.filter((line) => line.level === "error")).toEqual([]);
    });
  });

  describe("over graphql-ws", () => {
    it('runs a manifest document sent by its hash with query ""', async () => {
      const answer = await overWebSocket(policy, { query: "", extensions: persistedQuery(VIEWER_HASH) });
      expect(answer).toEqual({ data: viewerOf(policy) });
    });

    it('runs a manifest document sent by documentId with query ""', async () => {
      const answer = await overWebSocket(policy, { query: "", documentId: `sha256:${VIEWER_HASH}` });
      expect(answer).toEqual({ data: viewerOf(policy) });
    });

    it("runs a subscription sent by its hash: the current counts arrive", async () => {
      const answer = await overWebSocket(policy, { query: "", extensions: persistedQuery(sha256(COUNTS)) });
      expect(answer).toEqual({
        data: {
          notificationCounts: {
            newMessages: 0,
            newInvitations: 0,
            auditionRequests: 0,
            draftApplications: 0,
            newRolesMatched: 0,
          },
        },
      });
    });

    it("runs a manifest document sent in full, and spelled differently", async () => {
      expect(await overWebSocket(policy, { query: VIEWER })).toEqual({ data: viewerOf(policy) });
      expect(await overWebSocket(policy, { query: VIEWER_RESPELLED })).toEqual({ data: viewerOf(policy) });
    });

    it("answers an unknown hash with a PERSISTED_QUERY_NOT_FOUND error message", async () => {
      const answer = await overWebSocket(policy, { query: "", documentId: UNKNOWN_HASH });
      expect(answer.errors).toEqual([
        {
          message: `No document is registered under the hash '${UNKNOWN_HASH}'`,
          extensions: { code: "PERSISTED_QUERY_NOT_FOUND" },
        },
      ]);
    });

    it.each(MALFORMED)("answers %s with a PERSISTED_QUERY_INVALID error message", async (_label, body) => {
      const answer = await overWebSocket(policy, { query: "", ...body });
      expect(answer.errors?.map((error) => error.extensions?.code)).toEqual(["PERSISTED_QUERY_INVALID"]);
    });
  });
});

describe("under TRUSTED_DOCUMENTS=require", () => {
  it("refuses a manifest document with one field changed: 403 PERSISTED_QUERY_NOT_TRUSTED, on both transports", async () => {
    const refusal = {
      message: "This document is not one of the gateway's trusted documents; send a registered document or its hash",
      extensions: { code: "PERSISTED_QUERY_NOT_TRUSTED" },
    };
    expect(await post("require", { query: VIEWER_CHANGED })).toEqual({ status: 403, errors: [refusal] });
    expect(await get("require", [["query", VIEWER_CHANGED]])).toEqual({ status: 403, errors: [refusal] });
    expect(await overWebSocket("require", { query: VIEWER_CHANGED })).toEqual({ errors: [refusal] });
  });

  it("refuses a document that does not parse, or is over the token limit, as not trusted (403)", async () => {
    for (const query of ["query Viewer { viewer { id ", `{ ${"__typename ".repeat(3000)}}`]) {
      const answer = await post("require", { query });
      expect([answer.status, code(answer)]).toEqual([403, "PERSISTED_QUERY_NOT_TRUSTED"]);
    }
  });

  it("registers nothing by automatic persisted queries: the pair is untrusted, the hash stays unknown", async () => {
    const query = "query Registered { viewer { id } }";
    const pair = await post("require", { query, extensions: persistedQuery(sha256(query)) });
    expect([pair.status, code(pair)]).toEqual([403, "PERSISTED_QUERY_NOT_TRUSTED"]);
    const overWs = await overWebSocket("require", { query, extensions: persistedQuery(sha256(query)) });
    expect(code(overWs)).toBe("PERSISTED_QUERY_NOT_TRUSTED");
    const later = await post("require", { extensions: persistedQuery(sha256(query)) });
    expect([later.status, code(later)]).toEqual([404, "PERSISTED_QUERY_NOT_FOUND"]);
  });

  it("runs a trusted document sent with its hash (Apollo's retry after a miss)", async () => {
    expect(await post("require", { query: VIEWER, extensions: persistedQuery(VIEWER_HASH) })).toEqual({
      status: 200,
      data: viewerOf("require"),
    });
  });

  it("runs the documents of the extra manifests, in Apollo's format and the flat one, by hash and in full", async () => {
    const id = String(gateways.require.talent.user.id);
    const byApolloId = await post("require", { extensions: persistedQuery(sha256(PARTNER_APOLLO)) });
    expect(byApolloId).toEqual({ status: 200, data: { viewer: { id } } });
    const byFlatId = await post("require", { documentId: `sha256:${sha256(PARTNER_FLAT)}` });
    expect(byFlatId).toEqual({ status: 200, data: { viewer: { name: "Robin Trusted" } } });
    const inFull = await post("require", { query: "query PartnerViewer { viewer { id } }" });
    expect(inFull).toEqual({ status: 200, data: { viewer: { id } } });
    const overWs = await overWebSocket("require", { query: "", documentId: sha256(PARTNER_FLAT) });
    expect(overWs).toEqual({ data: { viewer: { name: "Robin Trusted" } } });
  });

  it("runs the playground's first tab as the editor shows it, comments and all, on both transports", async () => {
    const tab = fs.readFileSync(path.join(__dirname, "..", "..", "playground", "src", "default-query.graphql"), "utf8");
    const overHttp = await post("require", { query: tab });
    expect([overHttp.status, overHttp.errors]).toEqual([200, undefined]);
    expect(Object.keys((overHttp.data as { dashboard: object }).dashboard)).toHaveLength(7);
    const overWs = await overWebSocket("require", { query: tab });
    expect(overWs.errors).toBeUndefined();
    expect(overWs.data).toEqual(overHttp.data);
  });

  it("stops parsing an untrusted text once it has more tokens than any trusted document", async () => {
    const started = performance.now();
    const answer = await post("require", { query: `{ ${"__typename ".repeat(1990)}}` });
    expect([answer.status, code(answer)]).toEqual([403, "PERSISTED_QUERY_NOT_TRUSTED"]);
    expect(performance.now() - started).toBeLessThan(50);
  });

  it("refuses the playground's usual ad-hoc documents, introspection included", async () => {
    for (const query of ["{ viewer { id } }", "{ __schema { types { name } } }"]) {
      const answer = await post("require", { query });
      expect([answer.status, code(answer)]).toEqual([403, "PERSISTED_QUERY_NOT_TRUSTED"]);
    }
  });
});

describe("under TRUSTED_DOCUMENTS=off", () => {
  it("runs any document, on both transports", async () => {
    const id = String(gateways.off.talent.user.id);
    expect(await post("off", { query: VIEWER_CHANGED.replace("email", "") })).toEqual({
      status: 200,
      data: viewerOf("off"),
    });
    expect(await post("off", { query: "{ viewer { id } }" })).toEqual({ status: 200, data: { viewer: { id } } });
    expect(await overWebSocket("off", { query: "{ viewer { id } }" })).toEqual({ data: { viewer: { id } } });
  });

  it("does Apollo's automatic persisted queries: a miss, the registration, then the hash alone, on both transports", async () => {
    const id = String(gateways.off.talent.user.id);
    const query = `query Apq${Date.now()} { viewer { id } }`;
    const hash = sha256(query);
    const miss = await post("off", { extensions: persistedQuery(hash) });
    expect([miss.status, code(miss)]).toEqual([404, "PERSISTED_QUERY_NOT_FOUND"]);
    expect(await post("off", { query, extensions: persistedQuery(hash) })).toEqual({
      status: 200,
      data: { viewer: { id } },
    });
    expect(await post("off", { extensions: persistedQuery(hash) })).toEqual({ status: 200, data: { viewer: { id } } });
    expect(await get("off", [["documentId", hash]])).toEqual({ status: 200, data: { viewer: { id } } });
    expect(await overWebSocket("off", { query: "", extensions: persistedQuery(hash) })).toEqual({
      data: { viewer: { id } },
    });
  });

  it("registers over graphql-ws too, for HTTP to use", async () => {
    const id = String(gateways.off.talent.user.id);
    const query = `query WsApq${Date.now()} { viewer { id } }`;
    expect(await overWebSocket("off", { query, extensions: persistedQuery(sha256(query)) })).toEqual({
      data: { viewer: { id } },
    });
    expect(await post("off", { documentId: sha256(query) })).toEqual({ status: 200, data: { viewer: { id } } });
  });
});
