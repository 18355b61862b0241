/*
 * `npm run bench:profile [-- options]`: a CPU profile of the gateway under the
 * dashboard load. Starts the gateway child with `node --cpu-prof`, drives the
 * Dashboard operation with autocannon (warm-up, then the profiled run), stops
 * the gateway so that it writes the profile, and prints the functions and
 * modules with the most self time. Any .cpuprofile can be summarised with
 * `node dist/bench/profile.bench.js --summarise FILE`.
 *
 *   --talents N       the bench database (default 1000: the data is small, so the
 *                     gateway's own CPU is the bottleneck and the profile shows it)
 *   --connections N   (default 8)
 *   --duration S      profiled seconds (default 15)
 *   --top N           rows per table (default 25)
 *   --env "K=V;…"     settings for the gateway (e.g. tracing's OTEL_EXPORTER_OTLP_ENDPOINT and sampler)
 */
import "reflect-metadata";
import fs from "node:fs";
import path from "node:path";
import { helpRequested, numberArgument, parseSettings, stringArgument } from "./support/args";
import { ensureBenchDatabase } from "./support/bench-database";
import { newestProfile, summariseCpuProfile, type ProfileSummary } from "./support/cpu-profile";
import { dashboardRequestBody } from "./support/dashboard-operation";
import { runLoad } from "./support/load";
import { REPO_ROOT, startGateway } from "./support/processes";
import { table } from "./support/stats";
import { pickTalentIds, tokensFor } from "./support/talents";

const argv = process.argv.slice(2);
const TALENTS = numberArgument(argv, "talents", 1_000);
const CONNECTIONS = numberArgument(argv, "connections", 8);
const DURATION = numberArgument(argv, "duration", 15);
const TOP = numberArgument(argv, "top", 25);
const GATEWAY_ENV = parseSettings(stringArgument(argv, "env", ""), "--env");
const PROFILE_DIR = path.join(REPO_ROOT, "dist", "bench-results", "profiles");

function print(summary: ProfileSummary, file: string): void {
  const pct = (share: number) => `${(share * 100).toFixed(1)} %`;
  console.log(`\nProfile ${path.relative(REPO_ROOT, file)}`);
  console.log(
    `sampled ${(summary.totalMs / 1000).toFixed(1)} s: busy ${(summary.busyMs / 1000).toFixed(1)} s, idle ${(summary.idleMs / 1000).toFixed(1)} s\n`,
  );
  console.log(`#### Self time by module (share of busy time)\n`);
  console.log(
    table(
      ["module", "self ms", "share"],
      summary.modules.map((m) => [m.name, m.selfMs.toFixed(0), pct(m.share)]),
    ),
  );
  console.log(`\n#### Self time by function\n`);
  console.log(
    table(
      ["function", "self ms", "share"],
      summary.functions.map((f) => [`\`${f.name}\``, f.selfMs.toFixed(0), pct(f.share)]),
    ),
  );
}

async function main(): Promise<void> {
  if (helpRequested(argv, __filename)) return;
  const existing = stringArgument(argv, "summarise", "");
  if (existing) return print(summariseCpuProfile(existing, TOP), existing);

  const databaseUrl = await ensureBenchDatabase(TALENTS);
  const talents = tokensFor(await pickTalentIds(databaseUrl, 2_000));
  const body = dashboardRequestBody();
  fs.mkdirSync(PROFILE_DIR, { recursive: true });
  const gateway = await startGateway({
    databaseUrl,
    env: GATEWAY_ENV,
    nodeArgs: ["--cpu-prof", "--cpu-prof-dir", PROFILE_DIR],
  });
  const startedAt = Date.now();
  try {
    console.log(`gateway pid ${gateway.pid} under --cpu-prof; ${CONNECTIONS} connections, ${DURATION} s`);
    await runLoad({ url: gateway.url, body, talents, connections: CONNECTIONS, durationSeconds: 3 });
    const result = await runLoad({
      url: gateway.url,
      body,
      talents,
      connections: CONNECTIONS,
      durationSeconds: DURATION,
    });
    console.log(`${result.requestsPerSecond.toFixed(0)} req/s while profiled, ${result.failures} failures`);
    if (result.failures > 0) process.exitCode = 1;
  } finally {
    await gateway.stop();
  }
  const file = newestProfile(PROFILE_DIR);
  if (fs.statSync(file).mtimeMs < startedAt)
    throw new Error("The gateway wrote no profile (was it killed instead of stopped?)");
  print(summariseCpuProfile(file, TOP), file);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
