import http from "node:http";
import type { App } from "../../src/app";
import { startTestApp, testConfig } from "../support/test-app";
import { createTestDatabase, type TestDatabase } from "../support/test-database";

let database: TestDatabase;
let app: App;

beforeAll(async () => {
  database = await createTestDatabase();
  ({ app } = await startTestApp(
    testConfig(database.config, { HTTP_BODY_LIMIT_BYTES: "2048", CORS_ORIGINS: "https://app.example.test" }),
  ));
});

afterAll(async () => {
  await app.stop();
  await database.drop();
});

const post = (body: string, headers: Record<string, string> = { "content-type": "application/json" }) =>
  fetch(app.url, { method: "POST", headers, body });

describe("HTTP protections", () => {
  it("refuses a body over the size limit with 413 and a JSON error", async () => {
    const response = await post(JSON.stringify({ query: `{ viewer { id } }`, padding: "x".repeat(3000) }));
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({
      errors: [
        {
          message: "The request body is larger than the limit of 2048 bytes",
          extensions: { code: "PAYLOAD_TOO_LARGE" },
        },
      ],
    });
  });

  it("answers malformed JSON with 400 and a JSON error, no stack trace", async () => {
    const response = await post("{ not json");
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      errors: [{ message: "The request body is not valid JSON", extensions: { code: "BAD_REQUEST" } }],
    });
  });

  it("refuses batched requests", async () => {
    const response = await post(JSON.stringify([{ query: "{ viewer { id } }" }, { query: "{ viewer { id } }" }]));
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(/batch/i);
  });

  it("refuses a cross-site simple request (CSRF prevention)", async () => {
    const response = await post(JSON.stringify({ query: "{ viewer { id } }" }), { "content-type": "text/plain" });
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(/CSRF/i);
  });

  it("refuses a GET query without a preflight header (CSRF prevention)", async () => {
    const response = await fetch(`${app.url}?query=${encodeURIComponent("{ viewer { id } }")}`);
    expect(response.status).toBe(400);
  });

  it("allows only the configured origins by CORS", async () => {
    // fetch() may not set Origin, so the preflight goes out through node:http.
    const preflight = (origin: string) =>
      new Promise<http.IncomingHttpHeaders>((resolve, reject) => {
        const request = http.request(app.url, {
          method: "OPTIONS",
          headers: {
            origin,
            "access-control-request-method": "POST",
            "access-control-request-headers": "content-type,authorization",
          },
        });
        request.on("response", (response) => {
          response.resume();
          resolve(response.headers);
        });
        request.on("error", reject);
        request.end();
      });
    const allowed = await preflight("https://app.example.test");
    expect(allowed["access-control-allow-origin"]).toBe("https://app.example.test");
    expect(allowed["access-control-allow-headers"]).toMatch(/authorization/i);
    const other = await preflight("https://evil.example.test");
    expect(other["access-control-allow-origin"]).toBeUndefined();
  });

  it("does not say what it runs on", async () => {
    const response = await post(JSON.stringify({ query: "{ viewer { id } }" }));
    expect(response.headers.get("x-powered-by")).toBeNull();
  });

  it("sends no ETag, so a GET query is never answered 304 from a validator the client names", async () => {
    const posted = await post(JSON.stringify({ query: "{ viewer { id } }" }));
    expect(posted.status).toBe(200);
    expect(posted.headers.get("etag")).toBeNull();
    const url = `${app.url}?query=${encodeURIComponent("{ viewer { id } }")}`;
    const first = await fetch(url, { headers: { "apollo-require-preflight": "true" } });
    expect(first.status).toBe(200);
    expect(first.headers.get("etag")).toBeNull();
    // What the weak ETag of this very body would have been, and any validator at all.
    for (const validator of ['W/"2a-abc"', "*"]) {
      const again = await fetch(url, { headers: { "apollo-require-preflight": "true", "if-none-match": validator } });
      expect(again.status).toBe(200);
      expect(await again.json()).toEqual({ data: { viewer: null } });
    }
  });
});
