/*
 * The suite runs on the embedded SQLite by default, and on MariaDB when
 * TEST_DATABASE_URL is set. The cross-instance tests in test/redis/ need a Redis
 * server (TEST_REDIS_URL): without one they are left out, and this says so.
 */
const withRedis = Boolean(process.env.TEST_REDIS_URL);
if (!withRedis) {
  console.log("Note: test/redis/ (two gateways sharing Redis) runs only with TEST_REDIS_URL set; .ci/run sets it.");
}

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  // test/browser/ needs Chromium and runs by itself: `npm run test:browser` (jest.browser.config.js);
  // test/faults/ needs MariaDB and Redis and runs by itself: `npm run test:faults` (jest.faults.config.js).
  testPathIgnorePatterns: [
    "/node_modules/",
    "<rootDir>/test/browser/",
    "<rootDir>/test/faults/",
    ...(withRedis ? [] : ["<rootDir>/test/redis/"]),
  ],
  transform: {
    // Type checking is `npm run typecheck`'s job; here ts-jest only transpiles, per file.
    "^.+\\.ts$": ["ts-jest", { tsconfig: "tsconfig.test.json", diagnostics: false }],
    // The OTLP exporter's import() of node:http, which Jest's sandbox refuses (test/tracing/otlp-export.test.ts).
    "/@opentelemetry/otlp-exporter-base/.+\\.js$": "<rootDir>/test/support/require-node-http.transform.js",
  },
  transformIgnorePatterns: ["/node_modules/(?!@opentelemetry/otlp-exporter-base/)"],
  setupFiles: ["reflect-metadata"],
  globalSetup: "<rootDir>/test/support/playground-bundle.global-setup.js",
  testTimeout: 30_000,
};
