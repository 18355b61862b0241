import fs from "node:fs";
import path from "node:path";
import express from "express";
import { getIntrospectionQuery, parse, print, type OperationDefinitionNode } from "graphql";
import type { App } from "../src/app";
import { DEMO_CASTING_DIRECTOR, DEMO_TALENT } from "../src/seed/demo-accounts";
import { createPlaygroundRouter, PLAYGROUND_CONTENT_SECURITY_POLICY } from "../src/http/playground";
import { contractOperation } from "./support/contract-operations";
import { operationInComment } from "./support/playground-comment";
import { startTestApp, testConfig } from "./support/test-app";
import { createEmptyDatabase } from "./support/test-database";

/*
 * The playground on real gateways: the IDE for browsers, JSON for everyone
 * else, and nothing at all when it is switched off. The bundle itself is built
 * by the suite's global setup (playground/build.js); test/browser/ drives it.
 */

const BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

async function startGateway(env: Record<string, string> = {}): Promise<{ app: App; stop(): Promise<void> }> {
  const database = await createEmptyDatabase();
  const { app } = await startTestApp(testConfig(database.config, env));
  return {
    app,
    async stop() {
      await app.stop();
      await database.remove();
    },
  };
}

const browserGet = (url: string) => fetch(url, { headers: { accept: BROWSER_ACCEPT } });

describe("the playground, enabled (the default outside production)", () => {
  let gateway: Awaited<ReturnType<typeof startGateway>>;
  beforeAll(async () => {
    gateway = await startGateway();
  });
  afterAll(() => gateway.stop());

  it("serves GraphiQL to a browser at GET /graphql, under a policy that allows only the gateway itself", async () => {
    const response = await browserGet(gateway.app.url);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/html/);
    expect(response.headers.get("content-security-policy")).toBe(PLAYGROUND_CONTENT_SECURITY_POLICY);
    expect(response.headers.get("vary")).toMatch(/Accept/);
    const page = await response.text();
    expect(page).toContain('<div id="playground"></div>');
    expect(page).not.toMatch(/(src|href)="(https?:)?\/\//);
  });

  it("serves the bundle's script and stylesheet as immutable files with a year of caching", async () => {
    const page = await (await browserGet(gateway.app.url)).text();
    const files = [...page.matchAll(/(?:src|href)="(\/graphql\/playground\/[^"]+)"/g)].map((match) => match[1]!);
    expect(files.map((file) => path.extname(file)).sort()).toEqual([".css", ".js"]);

    for (const file of files) {
      const response = await fetch(new URL(file, gateway.app.url));
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toMatch(file.endsWith(".js") ? /javascript/ : /text\/css/);
      expect(response.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
      expect((await response.arrayBuffer()).byteLength).toBeGreaterThan(10_000);
    }
  });

  it("answers 404 for a file the bundle does not have", async () => {
    const response = await fetch(new URL("/graphql/playground/missing-ABC123.js", gateway.app.url));
    expect(response.status).toBe(404);
  });

  it("lets JSON clients through to GraphQL: POST, introspection, and GET asking for JSON", async () => {
    const post = await fetch(gateway.app.url, {
      method: "POST",
      headers: { "content-type": "application/json", accept: BROWSER_ACCEPT },
      body: JSON.stringify({ query: "{ __schema { subscriptionType { name } } }" }),
    });
    expect(post.status).toBe(200);
    expect(await post.json()).toEqual({ data: { __schema: { subscriptionType: { name: "Subscription" } } } });

    const get = await fetch(`${gateway.app.url}?query=${encodeURIComponent("{ __typename }")}`, {
      headers: { accept: "application/json", "apollo-require-preflight": "true" },
    });
    expect(get.status).toBe(200);
    expect(await get.json()).toEqual({ data: { __typename: "Query" } });
  });

  it("answers the introspection query GraphiQL sends for its docs, completion and validation", async () => {
    const response = await fetch(gateway.app.url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: getIntrospectionQuery(), operationName: "IntrospectionQuery" }),
    });
    const body = (await response.json()) as { data?: { __schema: { types: unknown[] } }; errors?: unknown };
    expect(body.errors).toBeUndefined();
    expect(body.data?.__schema.types.length).toBeGreaterThan(20);
  });
});

describe("the playground, switched off", () => {
  it.each([
    ["PLAYGROUND=false", { PLAYGROUND: "false" }],
    ["NODE_ENV=production", { NODE_ENV: "production" }],
  ])("is not served with %s: a browser's GET /graphql reaches GraphQL", async (_label, env) => {
    const gateway = await startGateway(env);
    try {
      const page = await browserGet(gateway.app.url);
      expect(page.headers.get("content-type") ?? "").not.toMatch(/^text\/html/);
      expect(await page.text()).not.toContain('id="playground"');
      const asset = await fetch(new URL("/graphql/playground/index.html", gateway.app.url));
      expect(await asset.text()).not.toContain('id="playground"');
    } finally {
      await gateway.stop();
    }
  });
});

describe("the playground's first tab", () => {
  const text = fs.readFileSync(path.join(__dirname, "..", "playground", "src", "default-query.graphql"), "utf8");

  it("holds the contract's Dashboard operation, exactly", () => {
    const operations = parse(text).definitions as OperationDefinitionNode[];
    expect(operations.map((operation) => operation.name?.value)).toEqual(["Dashboard"]);
    expect(print(operations[0]!)).toBe(contractOperation("Dashboard"));
  });

  it("tells how to get a token with the demo talent that npm start prints, and where to put it", () => {
    const login = operationInComment(text, "mutation", "Login");
    expect(print(parse(login))).toBe(
      print(
        parse(`mutation Login { login(email: "${DEMO_TALENT.email}", password: "${DEMO_TALENT.password}") { token } }`),
      ),
    );
    expect(text).toContain('{"Authorization": "Bearer <token>"}');
    expect(() => parse(operationInComment(text, "subscription", "Counts"))).not.toThrow();
  });
});

describe("the playground's second tab", () => {
  const text = fs.readFileSync(path.join(__dirname, "..", "playground", "src", "director-query.graphql"), "utf8");
  const workspace = fs.readFileSync(path.join(__dirname, "operations", "casting-workspace.graphql"), "utf8");

  it("holds the casting director's workspace overview, exactly as the tests run it", () => {
    const operations = parse(text).definitions as OperationDefinitionNode[];
    expect(operations.map((operation) => operation.name?.value)).toEqual(["CastingWorkspace"]);
    const tested = (parse(workspace).definitions as OperationDefinitionNode[]).find(
      (definition) => definition.kind === "OperationDefinition" && definition.name?.value === "CastingWorkspace",
    );
    expect(print(operations[0]!)).toBe(print(tested!));
  });

  it("tells how to sign in as the demo casting director that npm start prints", () => {
    const login = operationInComment(text, "mutation", "DirectorLogin");
    expect(print(parse(login))).toBe(
      print(
        parse(
          `mutation DirectorLogin { login(email: "${DEMO_CASTING_DIRECTOR.email}", password: "${DEMO_CASTING_DIRECTOR.password}") { token } }`,
        ),
      ),
    );
  });
});

describe("a gateway started before the bundle was built", () => {
  it("answers 503 with the command that builds it", async () => {
    const app = express().use(createPlaygroundRouter({ directory: "/nonexistent", page: () => null }));
    const server = app.listen(0);
    try {
      await new Promise((resolve) => server.once("listening", resolve));
      const { port } = server.address() as { port: number };
      const response = await browserGet(`http://localhost:${port}/graphql`);
      expect(response.status).toBe(503);
      expect(await response.text()).toContain("npm run build:playground");
    } finally {
      server.close();
    }
  });
});
