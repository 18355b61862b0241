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
  testPathIgnorePatterns: withRedis ? ["/node_modules/"] : ["/node_modules/", "<rootDir>/test/redis/"],
  transform: {
    // Type checking is `npm run typecheck`'s job; here ts-jest only transpiles, per file.
    "^.+\\.ts$": ["ts-jest", { tsconfig: "tsconfig.test.json", diagnostics: false }],
  },
  setupFiles: ["reflect-metadata"],
  testTimeout: 30_000,
};
