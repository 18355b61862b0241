import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";

/*
 * The gateway as `npm start` runs it, `node dist/src/main.js`, for tests of the real process
 * (its stdout). Compiled here when dist/ is missing or older than a source file, so a fresh
 * clone's `npm test` passes without `npm run build` first (about 30 s on a busy machine).
 */

const REPO_ROOT = path.join(__dirname, "..", "..");
export const GATEWAY_MAIN = path.join(REPO_ROOT, "dist", "src", "main.js");
const SOURCE_FOLDERS = ["src", "entities", "resolvers"];

export async function buildGatewayIfStale(): Promise<string> {
  const built = fs.existsSync(GATEWAY_MAIN) ? fs.statSync(GATEWAY_MAIN).mtimeMs : 0;
  if (built >= newestSourceMtime()) return GATEWAY_MAIN;
  await promisify(execFile)(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", "tsconfig.build.json"], {
    cwd: REPO_ROOT,
  });
  // tsc leaves an unchanged file's output alone: mark the build as newer than every source.
  const now = new Date();
  fs.utimesSync(GATEWAY_MAIN, now, now);
  return GATEWAY_MAIN;
}

function newestSourceMtime(): number {
  let newest = 0;
  for (const folder of SOURCE_FOLDERS) {
    for (const entry of fs.readdirSync(path.join(REPO_ROOT, folder), { recursive: true, withFileTypes: true })) {
      if (!entry.isFile() || !entry.name.endsWith(".ts")) continue;
      newest = Math.max(newest, fs.statSync(path.join(entry.parentPath ?? entry.path, entry.name)).mtimeMs);
    }
  }
  return newest;
}
