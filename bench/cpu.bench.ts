/*
 * `npm run bench:cpu [-- options]`: CPU time per Dashboard (user + system, from
 * /proc/<pid>/stat) of the gateway, and of the raw-SQL baseline for scale. Each
 * run starts a fresh server on the seeded MariaDB bench database, sends
 * `--warmup` Dashboards one after another (not counted: JIT, caches, pools),
 * then `--requests` more, and divides the CPU the process used during those by
 * their number. Runs alternate between the variants, so a drift of the machine
 * falls on each alike; the figure is the median over the runs. This is the
 * method of the 28 November figure (3,153 µs): 2,000 Dashboards after 400,
 * 1,000 talents, 5 runs.
 *
 *   --talents N      the bench database (default 1000)
 *   --runs N         runs per variant (default 5)
 *   --warmup N       unmeasured Dashboards per run (default 400)
 *   --requests N     measured Dashboards per run (default 2000)
 *   --also "K=V;…"   a second gateway variant with these settings (e.g. "COMPILED_EXECUTION=off")
 *   --compare DIR    also a gateway built in another checkout (DIR/dist/src/main.js, e.g. a
 *                    worktree of an older commit after its `npm ci && npm run build`), on the
 *                    same database and in the same rotation: a before/after on the same machine
 *   --no-baseline    skip the baseline
 *
 * When MariaDB runs on this machine (its `mariadbd` or `mysqld` process is
 * readable in /proc), its CPU over the same measured requests is reported per
 * Dashboard too: it shares the cores, so what it spends is throughput lost.
 *
 * Exits non-zero when any response fails.
 */
import "reflect-metadata";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { hasFlag, helpRequested, numberArgument, parseSettings, stringArgument } from "./support/args";
import { ensureBenchDatabase } from "./support/bench-database";
import { dashboardRequestBody } from "./support/dashboard-operation";
import { runSequential } from "./support/load";
import { REPO_ROOT, sourceRevision, startBaseline, startGateway, type ServerProcess } from "./support/processes";
import { cpuMicros } from "./support/process-cpu";
import { finishBench, log } from "./support/report";
import { median, table } from "./support/stats";
import { pickTalentIds, tokensFor } from "./support/talents";
import { failedParts, otherBuild } from "./support/variants";

const argv = process.argv.slice(2);
const TALENTS = numberArgument(argv, "talents", 1_000);
const RUNS = numberArgument(argv, "runs", 5);
const WARMUP = numberArgument(argv, "warmup", 400);
const REQUESTS = numberArgument(argv, "requests", 2_000);
const ALSO = stringArgument(argv, "also", "");
const COMPARE = stringArgument(argv, "compare", "");
const WITH_BASELINE = !hasFlag(argv, "no-baseline");
const RESULTS_FILE = path.join(REPO_ROOT, "dist", "bench-results", "cpu.json");

/** The local MariaDB server's pid, or null when it is elsewhere (or not readable). */
function databaseServerPid(): number | null {
  for (const name of ["mariadbd", "mysqld"]) {
    try {
      const pid = Number(execFileSync("pidof", ["-s", name], { encoding: "utf8" }).trim());
      if (pid > 0 && fs.existsSync(`/proc/${pid}/stat`)) return pid;
    } catch {
      // Not running under that name.
    }
  }
  return null;
}

interface Variant {
  name: string;
  start: (databaseUrl: string) => Promise<ServerProcess>;
}

async function main(): Promise<void> {
  const started = Date.now();
  if (helpRequested(argv, __filename)) return;
  const variants: Variant[] = [{ name: "gateway", start: (databaseUrl) => startGateway({ databaseUrl }) }];
  if (ALSO) {
    const env = parseSettings(ALSO, "--also");
    variants.push({ name: `gateway ${ALSO}`, start: (databaseUrl) => startGateway({ databaseUrl, env }) });
  }
  if (COMPARE) {
    const { entry, revision } = otherBuild(COMPARE);
    variants.push({ name: `gateway at ${revision}`, start: (databaseUrl) => startGateway({ databaseUrl, entry }) });
  }
  if (WITH_BASELINE) variants.push({ name: "baseline", start: (databaseUrl) => startBaseline({ databaseUrl }) });
  log(`gateway sources: ${sourceRevision()}; node ${process.version}`);
  log(`CPU per Dashboard: ${TALENTS} talents, ${RUNS} runs of ${REQUESTS} after ${WARMUP}, one client`);
  const databaseUrl = await ensureBenchDatabase(TALENTS, (line) => log(`  ${line}`));
  const talents = tokensFor(await pickTalentIds(databaseUrl, 2_000));
  const body = dashboardRequestBody();
  const problems: string[] = [];
  const perRun = new Map<string, number[]>(variants.map((variant) => [variant.name, []]));
  const databasePerRun = new Map<string, number[]>(variants.map((variant) => [variant.name, []]));
  const databasePid = databaseServerPid();
  if (databasePid === null) log("  MariaDB is not a local process: its CPU is not measured");
  for (let run = 0; run < RUNS; run += 1) {
    for (const variant of variants) {
      const server = await variant.start(databaseUrl);
      try {
        const warm = await runSequential({ url: server.url, body, talents, count: WARMUP });
        const before = cpuMicros(server.pid);
        const databaseBefore = databasePid === null ? 0 : cpuMicros(databasePid);
        const measured = await runSequential({
          url: server.url,
          body,
          talents: talents.slice(WARMUP),
          count: REQUESTS,
        });
        const micros = (cpuMicros(server.pid) - before) / measured.requests;
        const databaseMicros =
          databasePid === null ? null : (cpuMicros(databasePid) - databaseBefore) / measured.requests;
        if (databaseMicros !== null) databasePerRun.get(variant.name)!.push(databaseMicros);
        problems.push(...failedParts(`${variant.name} run ${run + 1}`, { "warm-up": warm, measured }));
        perRun.get(variant.name)!.push(micros);
        log(
          `  run ${run + 1} ${variant.name}: ${micros.toFixed(0)} µs per Dashboard` +
            (databaseMicros === null ? "" : `, MariaDB ${databaseMicros.toFixed(0)} µs`) +
            ` (p50 ${measured.p50.toFixed(2)} ms)`,
        );
      } finally {
        await server.stop();
      }
    }
  }
  const summary = variants.map((variant) => {
    const runs = perRun.get(variant.name)!;
    const databaseRuns = databasePerRun.get(variant.name)!;
    return {
      variant: variant.name,
      medianMicros: median(runs),
      runs: runs.map(Math.round),
      databaseMedianMicros: databaseRuns.length > 0 ? median(databaseRuns) : null,
      databaseRuns: databaseRuns.map(Math.round),
    };
  });
  console.log(
    `\n${table(
      ["variant", "median CPU per Dashboard", "runs (µs)", "MariaDB's, median", "MariaDB's runs (µs)"],
      summary.map((row) => [
        row.variant,
        `${row.medianMicros.toFixed(0)} µs`,
        row.runs.join(", "),
        row.databaseMedianMicros === null ? "not measured" : `${row.databaseMedianMicros.toFixed(0)} µs`,
        row.databaseRuns.join(", "),
      ]),
    )}\n`,
  );
  await finishBench({
    resultsFile: RESULTS_FILE,
    results: { sources: sourceRevision(), talents: TALENTS, warmup: WARMUP, requests: REQUESTS, summary },
    problems,
    started,
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
