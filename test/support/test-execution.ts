import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { print, type DocumentNode } from "graphql";
import type { Config } from "../../src/config";
import { sha256Hex } from "../../src/trusted-documents/document-hash";
import * as operations from "../generated/operations";

/*
 * Which execution path the suite's gateways take: TEST_EXECUTION=compiled (the
 * default, as COMPILED_EXECUTION's) or interpreted. .ci/run runs the dashboard
 * and mutation tests once more with the other one.
 */

export type TestExecution = "compiled" | "interpreted";

export function testExecution(): TestExecution {
  const value = process.env.TEST_EXECUTION || "compiled";
  if (value === "compiled" || value === "interpreted") return value;
  throw new Error(`TEST_EXECUTION must be compiled or interpreted, got '${value}'`);
}

let manifestFile: string | undefined;

/**
 * A manifest of every codegen document of test/operations/, as `request()`
 * sends them (`print`): registered like another client app's manifest, so that
 * they are trusted, and compiled, as the gateway's own clients' documents are.
 */
export function testOperationsManifest(): string {
  if (manifestFile) return manifestFile;
  const manifest: Record<string, string> = {};
  for (const value of Object.values(operations)) {
    if (typeof value !== "object" || value === null || (value as DocumentNode).kind !== "Document") continue;
    const text = print(value as DocumentNode);
    manifest[sha256Hex(text)] = text;
  }
  const json = JSON.stringify(manifest);
  const file = path.join(os.tmpdir(), `talent-test-operations-${sha256Hex(json).slice(0, 16)}.json`);
  if (!fs.existsSync(file)) fs.writeFileSync(file, json);
  manifestFile = file;
  return file;
}

/**
 * The config with the suite's execution path, unless the test sets
 * COMPILED_EXECUTION itself: compiled execution off for `interpreted`; for
 * `compiled`, the test documents trusted too when the policy lets any document
 * run (under `require`, what is trusted is what the test under way says).
 */
export function withTestExecution(config: Config, env: Record<string, string>): Config {
  if ("COMPILED_EXECUTION" in env) return config;
  if (testExecution() === "interpreted") return { ...config, compiledExecution: false };
  if (config.trustedDocuments.policy !== "off") return config;
  return {
    ...config,
    trustedDocuments: {
      ...config.trustedDocuments,
      extraManifests: [...config.trustedDocuments.extraManifests, testOperationsManifest()],
    },
  };
}
