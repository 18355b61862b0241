/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  transform: {
    // Type checking is `npm run typecheck`'s job; here ts-jest only transpiles, per file.
    "^.+\\.ts$": ["ts-jest", { tsconfig: "tsconfig.test.json", diagnostics: false }],
  },
  setupFiles: ["reflect-metadata"],
  testTimeout: 30_000,
};
