import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import type { SequentialResult } from "./load";

/** The gateway built in another checkout (`--compare DIR`): its entry point and its short revision. */
export function otherBuild(directory: string): { entry: string; revision: string } {
  const entry = path.resolve(directory, "dist", "src", "main.js");
  if (!fs.existsSync(entry)) throw new Error(`--compare: no build at ${entry}`);
  const revision = execFileSync("git", ["-C", directory, "rev-parse", "--short", "HEAD"], { encoding: "utf8" }).trim();
  return { entry, revision };
}

/** A line for each part of a run whose responses failed, for the bench's problems. */
export function failedParts(label: string, parts: Record<string, SequentialResult>): string[] {
  return Object.entries(parts)
    .filter(([, result]) => result.failures > 0)
    .map(([what, result]) => `${label} ${what}: ${result.failures} failures, e.g. ${result.failureSamples[0]}`);
}
