import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";

/** The repository root (where package.json is), from dist/bench/support or bench/support alike. */
export const REPO_ROOT = findRepoRoot(__dirname);

function findRepoRoot(from: string): string {
  for (let dir = from; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, "package.json")) && fs.existsSync(path.join(dir, "src", "main.ts"))) return dir;
  }
  throw new Error(`No repository root above ${from}`);
}

/** The secret every benchmark server signs and checks tokens with (benchmarks only). */
export const BENCH_JWT_SECRET = "benchmark-only-secret-0123456789abcdef";

export interface ServerProcess {
  readonly label: string;
  readonly url: string;
  readonly pid: number;
  readonly child: ChildProcess;
  /** The last lines the process wrote, for diagnostics. */
  readonly output: string[];
  stop(): Promise<void>;
}

/** A port that was free a moment ago (the OS picks it). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function keepOutput(child: ChildProcess, output: string[], echo: boolean): void {
  const onData = (chunk: Buffer) => {
    for (const line of chunk.toString("utf8").split("\n")) {
      if (!line) continue;
      output.push(line);
      if (output.length > 200) output.shift();
      if (echo) console.log(`    | ${line}`);
    }
  };
  child.stdout?.on("data", onData);
  child.stderr?.on("data", onData);
}

async function waitUntil(check: () => Promise<boolean>, what: string, timeoutMs: number, child: ChildProcess) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${what}: the process exited with code ${child.exitCode}`);
    if (await check().catch(() => false)) return;
    await sleep(100);
  }
  throw new Error(`${what}: not ready within ${timeoutMs / 1000} s`);
}

function stopper(child: ChildProcess): () => Promise<void> {
  return async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    child.kill("SIGTERM");
    const timer = setTimeout(() => {
      console.log(`    (pid ${child.pid} still running 10 s after SIGTERM: killed)`);
      child.kill("SIGKILL");
    }, 10_000);
    await exited;
    clearTimeout(timer);
  };
}

export interface GatewayOptions {
  databaseUrl: string;
  redisUrl?: string;
  /** Extra node flags, e.g. --cpu-prof. */
  nodeArgs?: string[];
  /** The script to run instead of dist/src/main.js (a bench wrapper around it). */
  entry?: string;
  /** Open an IPC channel to the child (for the wrapper's memory probe). */
  ipc?: boolean;
  echo?: boolean;
  /** Settings added to (or overriding) the bench's own. */
  env?: Record<string, string>;
  /** A command the child runs under (e.g. valgrind and its flags): node is its argument. */
  launcher?: readonly string[];
  /** How long start-up may take (default 60 s; under valgrind it is minutes). */
  readyTimeoutMs?: number;
  /**
   * Where the child's stdout (its JSON log, a line per operation in production)
   * goes; default dist/bench-results/gateway-logs/gateway-<port>.log. A file, not a
   * pipe to this process: reading and splitting those lines would take CPU from
   * the load generator, on the same two cores. With `echo`, stdout is piped and shown.
   */
  stdoutFile?: string;
}

/** node running `entry` with the node flags, under the launcher when there is one. */
function commandLine(options: Pick<GatewayOptions, "launcher" | "nodeArgs">, entry: string): [string, ...string[]] {
  const [command = process.execPath, ...args] = [...(options.launcher ?? []), process.execPath];
  return [command, ...args, ...(options.nodeArgs ?? []), entry];
}

/**
 * The gateway as its own process, as in production: `node dist/src/main.js`
 * with NODE_ENV=production, the bench database, a known JWT secret and a free
 * port. Resolves once GET /health/ready answers 200.
 */
export async function startGateway(options: GatewayOptions): Promise<ServerProcess> {
  const port = await freePort();
  const entry = options.entry ?? path.join(REPO_ROOT, "dist", "src", "main.js");
  const stdoutFd = options.echo ? null : fs.openSync(options.stdoutFile ?? gatewayLogFile(port), "w");
  const [command, ...args] = commandLine(options, entry);
  const child = spawn(command, args, {
    cwd: REPO_ROOT,
    env: {
      PATH: process.env.PATH,
      NODE_ENV: "production",
      PORT: String(port),
      DATABASE_URL: options.databaseUrl,
      JWT_SECRET: BENCH_JWT_SECRET,
      SEED_DEMO_DATA: "false",
      // bench:live opens thousands of sockets from this one address.
      WS_MAX_CONNECTIONS_PER_ADDRESS: "1000000",
      // A bench is one client hammering from one address: it would trip the rate limits at once.
      RATE_LIMITS: "off",
      ...(options.redisUrl ? { REDIS_URL: options.redisUrl, REDIS_CHANNEL_PREFIX: `bench-${process.pid}:` } : {}),
      ...options.env,
    },
    stdio: ["ignore", stdoutFd ?? "pipe", "pipe", ...(options.ipc ? (["ipc"] as const) : [])],
  });
  // The child holds its own copy of the descriptor.
  if (stdoutFd !== null) fs.closeSync(stdoutFd);
  const output: string[] = [];
  keepOutput(child, output, options.echo ?? false);
  const base = `http://127.0.0.1:${port}`;
  const stop = stopper(child);
  try {
    await waitUntil(
      async () => (await fetch(`${base}/health/ready`)).status === 200,
      "gateway",
      options.readyTimeoutMs ?? 60_000,
      child,
    );
  } catch (error) {
    await stop();
    console.error(output.slice(-20).join("\n"));
    throw error;
  }
  return { label: "gateway", url: `${base}/graphql`, pid: child.pid!, child, output, stop };
}

function gatewayLogFile(port: number): string {
  const folder = path.join(REPO_ROOT, "dist", "bench-results", "gateway-logs");
  fs.mkdirSync(folder, { recursive: true });
  return path.join(folder, `gateway-${port}.log`);
}

/** The raw-SQL baseline (bench/baseline/baseline-server.ts) as its own process. */
export async function startBaseline(
  options: Pick<GatewayOptions, "databaseUrl" | "nodeArgs" | "launcher" | "readyTimeoutMs">,
): Promise<ServerProcess> {
  const port = await freePort();
  const entry = path.join(REPO_ROOT, "dist", "bench", "baseline", "baseline-server.js");
  const [command, ...args] = commandLine(options, entry);
  const child = spawn(command, args, {
    cwd: REPO_ROOT,
    env: {
      PATH: process.env.PATH,
      PORT: String(port),
      DATABASE_URL: options.databaseUrl,
      JWT_SECRET: BENCH_JWT_SECRET,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const output: string[] = [];
  keepOutput(child, output, false);
  const stop = stopper(child);
  try {
    await waitUntil(
      async () => output.some((line) => line.startsWith("baseline ready at")),
      "baseline",
      options.readyTimeoutMs ?? 30_000,
      child,
    );
  } catch (error) {
    await stop();
    console.error(output.slice(-20).join("\n"));
    throw error;
  }
  return { label: "baseline", url: `http://127.0.0.1:${port}/graphql`, pid: child.pid!, child, output, stop };
}

/** VmRSS and VmHWM of a process, in bytes, from /proc/<pid>/status. */
export function residentMemory(pid: number): { rss: number; peak: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  const kib = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? NaN) * 1024;
  return { rss: kib("VmRSS"), peak: kib("VmHWM") };
}

/** The commit the gateway was built from, and whether its sources had uncommitted changes. */
export function sourceRevision(): string {
  try {
    const run = (args: string[]) => execFileSync("git", args, { cwd: REPO_ROOT, encoding: "utf8" }).trim();
    const commit = run(["rev-parse", "--short", "HEAD"]);
    const dirty = run(["status", "--porcelain", "--", "src", "resolvers", "entities"]) !== "";
    return dirty ? `${commit} + uncommitted changes in src/resolvers/entities` : commit;
  } catch {
    return "unknown (not a git checkout)";
  }
}
