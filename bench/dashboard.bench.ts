/*
 * `npm run bench:dashboard [-- options]`: the contract's Dashboard operation
 * under load, the gateway against the raw-SQL baseline (bench/baseline/), on
 * the seeded MariaDB bench databases (created and seeded on first use, see
 * bench/seed.bench.ts). Each server is a child process of its own; autocannon
 * runs in this process. The machine has 2 cores, so the load generator, the
 * server under test and MariaDB share them: figures are for comparison on the
 * same machine, not absolute capacity.
 *
 *   --talents N        the large database (default 100000)
 *   --small N          the small database (default 1000): the scaling comparison, and
 *                      where the data is cheap, so the gateway's own overhead shows
 *   --concurrency LIST connections per run (default 1,8,32)
 *   --duration S       seconds measured per run (default 10)
 *   --warmup S         seconds of load before each measured run, not counted (default 3)
 *   --users N          distinct talents (tokens) the requests rotate over (default 2000)
 *   --sequential N     requests of the one-client latency measurement (default 200)
 *   --pairs N          request pairs of the interleaved scaling measurement (default 1000):
 *                      gateways on both databases up at once, asked in turn by one client
 *   --pair-warmup N    talents (and unmeasured requests to each server) of the interleaved
 *                      measurement (default 500): the pairs go round the talents the
 *                      warm-up already asked for, the steady state of returning users
 *   --keep-buffer-pool leave InnoDB's buffer pool as it is; by default it is raised for the
 *                      run (and put back) to hold the bench databases, as a server would be
 *                      sized for its data
 *
 * Exits non-zero when any response fails (not 200, `errors`, no data.dashboard),
 * when the baseline's answer differs from the gateway's, or when the gateway's
 * statements differ from the ones the baseline reproduces.
 */
import "reflect-metadata";
import path from "node:path";
import { BASELINE_STATEMENTS, statementShape } from "./baseline/dashboard-statements";
import { hasFlag, helpRequested, listArgument, numberArgument } from "./support/args";
import { benchDatabaseName, ensureBenchDatabase } from "./support/bench-database";
import { describeBufferPool, fitBufferPool } from "./support/buffer-pool";
import { compareResponses } from "./support/compare-responses";
import { dashboardRequestBody } from "./support/dashboard-operation";
import { runInterleaved } from "./support/interleaved";
import { runLoad, runSequential, type LoadResult, type SequentialResult } from "./support/load";
import { REPO_ROOT, sourceRevision, startBaseline, startGateway, type ServerProcess } from "./support/processes";
import { countDashboardStatements, type StatementCount } from "./support/statement-count";
import { finishBench, log } from "./support/report";
import { ms, table } from "./support/stats";
import { pickTalentIds, tokensFor, type BenchTalent } from "./support/talents";

const argv = process.argv.slice(2);
const LARGE = numberArgument(argv, "talents", 100_000);
const SMALL = numberArgument(argv, "small", 1_000);
const CONCURRENCY = listArgument(argv, "concurrency", [1, 8, 32]);
const DURATION = numberArgument(argv, "duration", 10);
const WARMUP = numberArgument(argv, "warmup", 3);
const USERS = numberArgument(argv, "users", 2_000);
const SEQUENTIAL = numberArgument(argv, "sequential", 200);
const PAIRS = numberArgument(argv, "pairs", 1_000);
const PAIR_WARMUP = numberArgument(argv, "pair-warmup", 500);
const KEEP_BUFFER_POOL = hasFlag(argv, "keep-buffer-pool");
const COMPARED_TALENTS = 25;
const COUNTED_TALENTS = 50;
const RESULTS_FILE = path.join(REPO_ROOT, "dist", "bench-results", "dashboard.json");

const body = dashboardRequestBody();
const problems: string[] = [];

function noteFailures(what: string, result: { failures: number; failureSamples: string[] }): void {
  if (result.failures === 0) return;
  problems.push(`${what}: ${result.failures} failed responses, e.g. ${result.failureSamples.join(" | ")}`);
}

async function measureLoad(server: ServerProcess, talents: BenchTalent[], connections: number): Promise<LoadResult> {
  if (WARMUP > 0) {
    const warm = await runLoad({ url: server.url, body, talents, connections, durationSeconds: WARMUP });
    noteFailures(`${server.label} warm-up at ${connections}`, warm);
  }
  const result = await runLoad({ url: server.url, body, talents, connections, durationSeconds: DURATION });
  noteFailures(`${server.label} at ${connections} connections`, result);
  log(
    `  ${server.label.padEnd(8)} c=${String(connections).padStart(2)}: ${result.requestsPerSecond.toFixed(0)} req/s, ` +
      `p50 ${ms(result.p50)}, p99 ${ms(result.p99)}, ${result.requests} requests, ${result.failures} failures`,
  );
  return result;
}

async function sequential(server: ServerProcess, talents: BenchTalent[]): Promise<SequentialResult> {
  const result = await runSequential({ url: server.url, body, talents, count: SEQUENTIAL });
  noteFailures(`${server.label} sequential`, result);
  log(
    `  ${server.label.padEnd(8)} sequential: p50 ${ms(result.p50)}, p99 ${ms(result.p99)}, ${result.failures} failures`,
  );
  return result;
}

/** The gateway's statements must be the ones the baseline reproduces, or the comparison is void. */
function checkStatementsMatchBaseline(size: number, count: StatementCount): void {
  const baseline = new Set(BASELINE_STATEMENTS.map(statementShape));
  const gateway = new Set(count.statements.map(statementShape));
  const onlyGateway = [...gateway].filter((shape) => !baseline.has(shape));
  const onlyBaseline = [...baseline].filter((shape) => !gateway.has(shape));
  if (onlyGateway.length > 0) {
    problems.push(
      `at ${size} talents the gateway sent ${onlyGateway.length} statement(s) the baseline does not reproduce ` +
        `(update bench/baseline/dashboard-statements.ts): ${onlyGateway.map((s) => s.slice(0, 120)).join(" | ")}`,
    );
  }
  if (onlyBaseline.length > 0)
    log(`  note: not seen from the gateway at ${size}: ${onlyBaseline.length} baseline statement(s)`);
}

interface SizeResults {
  talents: number;
  statements: { min: number; max: number; median: number; asked: number };
  sequential: { gateway: SequentialResult; baseline: SequentialResult };
  load: Array<{ connections: number; gateway: LoadResult; baseline: LoadResult }>;
}

/** Where a size's database is and whose tokens ask it: what the interleaved measurement needs again. */
interface SizeTarget {
  size: number;
  databaseUrl: string;
  talents: BenchTalent[];
}

async function benchSize(size: number, concurrency: number[]): Promise<{ results: SizeResults; target: SizeTarget }> {
  log(`== ${size.toLocaleString("en-US")} talents`);
  const databaseUrl = await ensureBenchDatabase(size, (line) => log(`  ${line}`));
  const talents = tokensFor(await pickTalentIds(databaseUrl, USERS));

  log(`  counting statements per dashboard (in-process gateway, ${COUNTED_TALENTS} talents)`);
  const counted = await countDashboardStatements(databaseUrl, talents.slice(0, COUNTED_TALENTS), body);
  checkStatementsMatchBaseline(size, counted);
  const sortedCounts = [...counted.perDashboard].sort((a, b) => a - b);
  const statements = {
    min: sortedCounts[0]!,
    max: sortedCounts.at(-1)!,
    median: sortedCounts[Math.floor(sortedCounts.length / 2)]!,
    asked: sortedCounts.length,
  };
  log(`  statements per dashboard: median ${statements.median} (min ${statements.min}, max ${statements.max})`);

  const gateway = await startGateway({ databaseUrl });
  const baseline = await startBaseline({ databaseUrl });
  try {
    log(`  gateway pid ${gateway.pid}, baseline pid ${baseline.pid}; comparing ${COMPARED_TALENTS} dashboards`);
    const mismatches = await compareResponses(gateway.url, baseline.url, talents.slice(0, COMPARED_TALENTS), body);
    if (mismatches.length > 0) {
      problems.push(`the baseline's JSON differs from the gateway's: ${mismatches.slice(0, 3).join(" | ")}`);
      log(`  MISMATCH: ${mismatches[0]}`);
    } else {
      log(`  the baseline's answers equal the gateway's`);
    }
    // Every talent's rows into InnoDB's buffer pool first: whichever server is measured first
    // would otherwise pay for reading them, and the gateway always is.
    const warming = await runSequential({ url: baseline.url, body, talents, count: talents.length });
    noteFailures("baseline warming the buffer pool", warming);
    log(`  warmed the buffer pool with ${talents.length} dashboards (${ms(warming.mean)} each on average)`);
    const seq = { gateway: await sequential(gateway, talents), baseline: await sequential(baseline, talents) };
    const load: SizeResults["load"] = [];
    for (const connections of concurrency) {
      load.push({
        connections,
        gateway: await measureLoad(gateway, talents, connections),
        baseline: await measureLoad(baseline, talents, connections),
      });
    }
    return { results: { talents: size, statements, sequential: seq, load }, target: { size, databaseUrl, talents } };
  } finally {
    await gateway.stop();
    await baseline.stop();
  }
}

interface InterleavedScaling {
  pairs: number;
  gateway: { small: SequentialResult; large: SequentialResult };
  baseline: { small: SequentialResult; large: SequentialResult };
}

/**
 * The p50-scaling figure: the same kind of server on both databases, up at once
 * and asked in turn (bench/support/interleaved.ts), the gateways first, then the baselines.
 */
async function interleavedScaling(small: SizeTarget, large: SizeTarget): Promise<InterleavedScaling> {
  log(`== p50 at ${small.size} vs ${large.size} talents, interleaved: ${PAIRS} pairs after ${PAIR_WARMUP} warm-up`);
  const measure = async (start: (options: { databaseUrl: string }) => Promise<ServerProcess>, label: string) => {
    const onSmall = await start({ databaseUrl: small.databaseUrl });
    const onLarge = await start({ databaseUrl: large.databaseUrl });
    try {
      const { a, b } = await runInterleaved({
        a: { url: onSmall.url, talents: small.talents.slice(0, PAIR_WARMUP) },
        b: { url: onLarge.url, talents: large.talents.slice(0, PAIR_WARMUP) },
        body,
        warmup: PAIR_WARMUP,
        pairs: PAIRS,
      });
      noteFailures(`${label} interleaved @${small.size}`, a);
      noteFailures(`${label} interleaved @${large.size}`, b);
      log(`  ${label.padEnd(8)} p50 ${ms(a.p50)} @${small.size}, ${ms(b.p50)} @${large.size}`);
      return { small: a, large: b };
    } finally {
      await onSmall.stop();
      await onLarge.stop();
    }
  };
  return {
    pairs: PAIRS,
    gateway: await measure(startGateway, "gateway"),
    baseline: await measure(startBaseline, "baseline"),
  };
}

function report(large: SizeResults, small: SizeResults, interleaved: InterleavedScaling): string {
  const ratio = (g: number, b: number) => `${(g / b).toFixed(2)}×`;
  const lines: string[] = [];
  for (const results of [large, small]) {
    lines.push(
      `### Dashboard throughput at ${results.talents.toLocaleString("en-US")} talents (${DURATION} s per run)\n`,
    );
    lines.push(
      table(
        [
          "connections",
          "gateway req/s",
          "gateway p50",
          "gateway p99",
          "baseline req/s",
          "baseline p50",
          "baseline p99",
          "ratio",
        ],
        results.load.map(({ connections, gateway, baseline }) => [
          connections,
          gateway.requestsPerSecond.toFixed(0),
          ms(gateway.p50),
          ms(gateway.p99),
          baseline.requestsPerSecond.toFixed(0),
          ms(baseline.p50),
          ms(baseline.p99),
          ratio(gateway.requestsPerSecond, baseline.requestsPerSecond),
        ]),
      ),
    );
    lines.push("");
  }
  const at = (results: SizeResults, connections: number) => results.load.find((l) => l.connections === connections);
  const c1Large = at(large, 1);
  const c1Small = at(small, 1);
  lines.push(
    `\n### p50 at ${small.talents.toLocaleString("en-US")} vs ${large.talents.toLocaleString("en-US")} talents\n`,
  );
  const change = (before: number, after: number) => `${((after / before - 1) * 100).toFixed(1)} %`;
  const rows: Array<Array<string | number>> = [
    [
      `interleaved, one client, ${interleaved.pairs} pairs over ${PAIR_WARMUP} warmed talents`,
      ms(interleaved.gateway.small.p50),
      ms(interleaved.gateway.large.p50),
      change(interleaved.gateway.small.p50, interleaved.gateway.large.p50),
      ms(interleaved.baseline.small.p50),
      ms(interleaved.baseline.large.p50),
    ],
    [
      `sequential, one client, ${SEQUENTIAL} requests`,
      ms(small.sequential.gateway.p50),
      ms(large.sequential.gateway.p50),
      `${((large.sequential.gateway.p50 / small.sequential.gateway.p50 - 1) * 100).toFixed(1)} %`,
      ms(small.sequential.baseline.p50),
      ms(large.sequential.baseline.p50),
    ],
  ];
  if (c1Large && c1Small) {
    rows.push([
      `autocannon, 1 connection, ${DURATION} s`,
      ms(c1Small.gateway.p50),
      ms(c1Large.gateway.p50),
      `${((c1Large.gateway.p50 / c1Small.gateway.p50 - 1) * 100).toFixed(1)} %`,
      ms(c1Small.baseline.p50),
      ms(c1Large.baseline.p50),
    ]);
  }
  lines.push(
    table(
      [
        "measure",
        `gateway p50 @${small.talents}`,
        `gateway p50 @${large.talents}`,
        "change",
        `baseline p50 @${small.talents}`,
        `baseline p50 @${large.talents}`,
      ],
      rows,
    ),
  );
  lines.push(`\n### SQL statements per Dashboard\n`);
  lines.push(
    table(
      ["talents", "median", "min", "max", "dashboards counted"],
      [small, large].map((r) => [
        r.talents,
        r.statements.median,
        r.statements.min,
        r.statements.max,
        r.statements.asked,
      ]),
    ),
  );
  return lines.join("\n");
}

async function main(): Promise<void> {
  const started = Date.now();
  if (helpRequested(argv, __filename)) return;
  log(`gateway sources: ${sourceRevision()}; node ${process.version}`);
  log(
    `Dashboard benchmark: concurrency ${CONCURRENCY.join(",")}, ${DURATION} s runs after ${WARMUP} s warm-up, ${USERS} talents`,
  );
  for (const size of [LARGE, SMALL]) await ensureBenchDatabase(size, (line) => log(`  ${line}`));
  const bufferPool = await fitBufferPool([benchDatabaseName(LARGE), benchDatabaseName(SMALL)], KEEP_BUFFER_POOL);
  log(describeBufferPool(bufferPool));
  try {
    const large = await benchSize(LARGE, CONCURRENCY);
    const small = await benchSize(SMALL, CONCURRENCY);
    const interleaved = await interleavedScaling(small.target, large.target);
    const markdown = report(large.results, small.results, interleaved);
    console.log(`\n${describeBufferPool(bufferPool)}\n\n${markdown}\n`);
    await finishBench({
      resultsFile: RESULTS_FILE,
      results: {
        sources: sourceRevision(),
        bufferPoolBytes: bufferPool.bytes,
        large: large.results,
        small: small.results,
        interleaved,
      },
      problems,
      started,
    });
  } finally {
    await bufferPool.restore();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
