/*
 * The browser tests: the playground and the live widget in headless Chromium (Debian's
 * /usr/bin/chromium, driven by playwright-core). Not part of `npm test`,
 * because a fresh machine has no Chromium; `npm run test:browser` runs them,
 * and .ci/run installs Chromium first.
 */

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test/browser"],
  testMatch: ["**/*.browser.test.ts"],
  transform: {
    "^.+\\.ts$": ["ts-jest", { tsconfig: "tsconfig.test.json", diagnostics: false }],
  },
  setupFiles: ["reflect-metadata"],
  globalSetup: "<rootDir>/test/support/browser-bundles.global-setup.js",
  testTimeout: 60_000,
};
