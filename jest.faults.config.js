/*
 * `npm run test:faults`: outages and load against real MariaDB and Redis
 * (TEST_DATABASE_URL and TEST_REDIS_URL are required), and a SIGTERM sent to
 * the built gateway. Run by .ci/run after the main suite.
 */
for (const name of ["TEST_DATABASE_URL", "TEST_REDIS_URL"]) {
  if (!process.env[name]) throw new Error(`npm run test:faults needs ${name} (see README, "Testing")`);
}

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test/faults"],
  testMatch: ["**/*.test.ts"],
  transform: {
    "^.+\\.ts$": ["ts-jest", { tsconfig: "tsconfig.test.json", diagnostics: false }],
  },
  setupFiles: ["reflect-metadata"],
  testTimeout: 60_000,
};
