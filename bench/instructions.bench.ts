/*
 * `npm run bench:instructions [-- options]`: machine instructions per Dashboard,
 * counted by valgrind's callgrind, of the gateway (and of the raw-SQL baseline
 * for scale). CPU time (bench:cpu) moves with the machine: on this shared VM
 * the same build measured 3,245 and 5,020 µs per Dashboard within minutes.
 * An instruction count does not: it is what the process executes, whatever
 * else runs beside it (two benches may run at once). What varies is the
 * process itself (when V8 collects, what it still optimises): single runs of
 * one build spread by up to 4 %, against a factor of two for bench:cpu here.
 * It is not time (a cache miss or a system call costs more than an add), so
 * a change is confirmed in CPU time too where the machine allows.
 *
 * Each run starts the server under `valgrind --tool=callgrind` (every thread:
 * the main thread, V8's compiler and GC helpers, libuv's pool) with counting
 * off, sends `--warmup` Dashboards one after another, switches counting on
 * and zeroes it (`callgrind_control -i on`, `-z`), sends `--requests` more
 * and dumps the counters (`callgrind_control -d`): the dump's total divided
 * by the requests is the figure. MariaDB runs outside valgrind and is not
 * counted. The warm-up is long because V8 is still optimising the gateway's
 * code long after start-up: after 300 Dashboards its compiler was 45 % of
 * the next 200's instructions, after 1,500 still 14 %; a short warm-up
 * measures the compiler more than the requests. Uncounted, valgrind runs
 * the warm-up several times faster than counted: the defaults (300 after
 * 4,000) take about two and a half minutes per variant.
 *
 *   --talents N      the bench database (default 1000)
 *   --runs N         runs per variant (default 1; after the long warm-up single runs of one build
 *                    spread by up to 4 %, so a change of a few per cent wants 3 or more)
 *   --warmup N       unmeasured Dashboards per run (default 4000)
 *   --requests N     measured Dashboards per run (default 300)
 *   --also "K=V;…"   a gateway variant with these settings; several variants separated by `|`
 *   --compare DIR    also a gateway built in another checkout (DIR/dist/src/main.js)
 *   --no-baseline    skip the baseline
 *   --functions N    also print each run's N costliest functions and where the
 *                    instructions went by group (V8's compiler, the garbage
 *                    collector, JavaScript, ...); the gateway then runs with
 *                    --perf-basic-prof, which names V8's code for it
 *   --node-args=…    the gateway's Node.js flags (default
 *                    "--single-threaded --predictable-gc-schedule"); in the
 *                    `=` form, since they start with `--`
 *
 * Needs valgrind (Debian's package). Exits non-zero when any response fails.
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
import { functionCosts } from "./support/callgrind-functions";
import { finishBench, log } from "./support/report";
import { median, table } from "./support/stats";
import { pickTalentIds, tokensFor } from "./support/talents";
import { failedParts, otherBuild } from "./support/variants";

const argv = process.argv.slice(2);
const TALENTS = numberArgument(argv, "talents", 1_000);
const RUNS = numberArgument(argv, "runs", 1);
const WARMUP = numberArgument(argv, "warmup", 4_000);
const REQUESTS = numberArgument(argv, "requests", 300);
const ALSO = stringArgument(argv, "also", "");
const COMPARE = stringArgument(argv, "compare", "");
const WITH_BASELINE = !hasFlag(argv, "no-baseline");
/** With `--functions N`, each run also prints its N costliest functions (JIT code named from V8's perf map). */
const FUNCTIONS = numberArgument(argv, "functions", 0);
const NODE_ARGS = [
  ...stringArgument(argv, "node-args", "--single-threaded --predictable-gc-schedule").split(" ").filter(Boolean),
  // V8 names the code it generates in /tmp/perf-<pid>.map; writing it costs a few per cent more instructions.
  ...(FUNCTIONS > 0 ? ["--perf-basic-prof"] : []),
];
const RESULTS_FILE = path.join(REPO_ROOT, "dist", "bench-results", "instructions.json");
const DUMP_DIR = path.join(REPO_ROOT, "dist", "bench-results", "callgrind");
/** Start-up under valgrind: compiling the gateway's modules at a fiftieth of the speed. */
const READY_TIMEOUT_MS = 10 * 60_000;
/**
 * The gateway's polls (the outbox relay's, every 500 ms; the role fan-out's, every second)
 * run by the clock, and under valgrind the clock runs some fifty times slower per request:
 * each poll would weigh fifty times what it weighs in production. Every variant polls
 * once a minute here. What stays clock-driven (the event-loop delay monitor's 10 ms timer,
 * the log's 250 ms flush) is overweighted the same way: a variant without it looks cheaper
 * by more than it is. Taking an idle period's rate off would not do: V8 collects the
 * measured requests' garbage when the process goes idle.
 */
const QUIET_POLLS = { OUTBOX_POLL_INTERVAL_MS: "60000", ROLE_FAN_OUT_POLL_INTERVAL_MS: "60000" };

interface Variant {
  name: string;
  start: (databaseUrl: string, launcher: readonly string[]) => Promise<ServerProcess>;
}

/** valgrind running callgrind, its dumps in DUMP_DIR named by `label`, its own messages in a log file there. */
function callgrindLauncher(label: string): string[] {
  const base = path.join(DUMP_DIR, label.replace(/[^A-Za-z0-9.-]+/g, "_").slice(0, 80));
  return [
    "valgrind",
    "--tool=callgrind",
    `--callgrind-out-file=${base}.%p.out`,
    `--log-file=${base}.%p.log`,
    // Not counting during the warm-up (switched on after it): it then runs several times faster.
    "--instr-atstart=no",
    // V8 writes and rewrites machine code in its own pages: valgrind must watch them (its default on x86-64).
    "--smc-check=all-non-file",
  ];
}

/** The newest numbered dump of the process: its counts since the last zeroing. */
function newestDump(pid: number): string {
  const dumps = fs
    .readdirSync(DUMP_DIR)
    .filter((name) => name.includes(`.${pid}.out.`))
    .sort((a, b) => Number(a.split(".").pop()) - Number(b.split(".").pop()));
  const newest = dumps.at(-1);
  if (!newest) throw new Error(`callgrind wrote no dump for pid ${pid}`);
  return path.join(DUMP_DIR, newest);
}

/** The `totals:` line of a dump: instructions since the last zeroing. */
function dumpedInstructions(dump: string): number {
  const totals = /^(?:totals|summary): (\d+)/m.exec(fs.readFileSync(dump, "utf8"));
  if (!totals) throw new Error(`no totals in ${dump}`);
  return Number(totals[1]);
}

/** The dump's costliest functions and its groups, as shares of its total. */
function printFunctions(label: string, dump: string, pid: number): void {
  const costs = functionCosts(dump, `/tmp/perf-${pid}.map`);
  const share = (instructions: number) => `${((instructions / costs.total) * 100).toFixed(2)} %`;
  console.log(`\n${label}: where the instructions went\n`);
  console.log(
    table(
      ["group", "share"],
      costs.groups.map((row) => [row.group, share(row.instructions)]),
    ),
  );
  console.log("");
  const rows = costs.functions.slice(0, FUNCTIONS);
  console.log(
    table(
      ["function", "share"],
      rows.map((row) => [`\`${row.name.slice(0, 140)}\``, share(row.instructions)]),
    ),
  );
}

function callgrindControl(command: readonly string[], pid: number): void {
  execFileSync("callgrind_control", [...command, String(pid)], { stdio: "ignore", timeout: 120_000 });
}

async function main(): Promise<void> {
  const started = Date.now();
  if (helpRequested(argv, __filename)) return;
  try {
    execFileSync("valgrind", ["--version"], { stdio: "ignore" });
  } catch {
    throw new Error("valgrind is not installed (apt-get install valgrind)");
  }
  fs.mkdirSync(DUMP_DIR, { recursive: true });
  // Every gateway variant: under valgrind, V8 made repeatable, polls slowed, and time to start.
  const gatewayUnder = (launcher: readonly string[], options: { entry?: string; env?: Record<string, string> }) => ({
    entry: options.entry,
    env: { ...QUIET_POLLS, ...options.env },
    launcher,
    nodeArgs: NODE_ARGS,
    readyTimeoutMs: READY_TIMEOUT_MS,
  });
  const variants: Variant[] = [
    { name: "gateway", start: (databaseUrl, launcher) => startGateway({ databaseUrl, ...gatewayUnder(launcher, {}) }) },
  ];
  for (const settings of ALSO ? ALSO.split("|").map((part) => part.trim()) : []) {
    const env = parseSettings(settings, "--also");
    variants.push({
      name: `gateway ${settings}`,
      start: (databaseUrl, launcher) => startGateway({ databaseUrl, ...gatewayUnder(launcher, { env }) }),
    });
  }
  if (COMPARE) {
    const { entry, revision } = otherBuild(COMPARE);
    variants.push({
      name: `gateway at ${revision}`,
      start: (databaseUrl, launcher) => startGateway({ databaseUrl, ...gatewayUnder(launcher, { entry }) }),
    });
  }
  if (WITH_BASELINE) {
    variants.push({
      name: "baseline",
      start: (databaseUrl, launcher) =>
        startBaseline({ databaseUrl, launcher, nodeArgs: NODE_ARGS, readyTimeoutMs: READY_TIMEOUT_MS }),
    });
  }
  log(`gateway sources: ${sourceRevision()}; node ${process.version}`);
  log(`instructions per Dashboard: ${TALENTS} talents, ${RUNS} runs of ${REQUESTS} after ${WARMUP}, one client`);
  const databaseUrl = await ensureBenchDatabase(TALENTS, (line) => log(`  ${line}`));
  const talents = tokensFor(await pickTalentIds(databaseUrl, 2_000));
  // The measured requests go on with the rotation where the warm-up left it (wrapping round when it was longer).
  const turn = WARMUP % talents.length;
  const measuredTalents = [...talents.slice(turn), ...talents.slice(0, turn)];
  const body = dashboardRequestBody();
  const problems: string[] = [];
  const perRun = new Map<string, number[]>(variants.map((variant) => [variant.name, []]));
  for (let run = 0; run < RUNS; run += 1) {
    for (const variant of variants) {
      const server = await variant.start(databaseUrl, callgrindLauncher(`${variant.name}.run${run + 1}`));
      try {
        const warm = await runSequential({ url: server.url, body, talents, count: WARMUP });
        callgrindControl(["-i", "on"], server.pid);
        callgrindControl(["-z"], server.pid);
        const measured = await runSequential({ url: server.url, body, talents: measuredTalents, count: REQUESTS });
        callgrindControl(["-d"], server.pid);
        const dump = newestDump(server.pid);
        const perDashboard = dumpedInstructions(dump) / measured.requests;
        if (FUNCTIONS > 0) printFunctions(`${variant.name} run ${run + 1}`, dump, server.pid);
        problems.push(...failedParts(`${variant.name} run ${run + 1}`, { "warm-up": warm, measured }));
        perRun.get(variant.name)!.push(perDashboard);
        log(`  run ${run + 1} ${variant.name}: ${(perDashboard / 1e6).toFixed(3)} M instructions per Dashboard`);
      } finally {
        await server.stop();
      }
    }
  }
  const reference = median(perRun.get("gateway")!);
  const summary = variants.map((variant) => {
    const runs = perRun.get(variant.name)!;
    return { variant: variant.name, medianInstructions: median(runs), runs: runs.map(Math.round) };
  });
  console.log(
    `\n${table(
      ["variant", "instructions per Dashboard (median)", "against the gateway", "runs (M)"],
      summary.map((row) => [
        row.variant,
        `${(row.medianInstructions / 1e6).toFixed(3)} M`,
        `${(((row.medianInstructions - reference) / reference) * 100).toFixed(1)} %`,
        row.runs.map((count) => (count / 1e6).toFixed(3)).join(", "),
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
