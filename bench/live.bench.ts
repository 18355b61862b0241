/*
 * `npm run bench:live [-- options]`: notificationCounts at scale. For each
 * variant (in-process bus; Redis), starts the gateway as a child process on the
 * seeded MariaDB bench database, opens one graphql-ws subscriber per talent
 * for N distinct talents from subscriber child processes, then measures:
 *
 *   (a) single-talent delivery: a casting director's sendMessage to one
 *       subscribed talent, from the mutation's HTTP response to that talent's
 *       counts update (p50, p99 over --events messages, one at a time);
 *   (b) broadcast: one addRole with no requirements on an open production
 *       (it matches every talent), time until every subscriber whose
 *       newRolesMatched rises has its new counts (50 %, 90 %, 99 %, 100 %,
 *       from the response and the last one from the request too), and until
 *       the background fan-out has raised every matching talent's kept count;
 *   (d) addRole's latency: --add-roles more roles that match everyone, one at
 *       a time, each once the last one's fan-out is done and every subscriber
 *       has its count (p50, max), and from each request until its fan-out is
 *       done and until its last subscriber has the new count (p50, max);
 *   (c) memory per subscriber: the gateway's RSS (/proc/<pid>/status) and
 *       heap (after a GC) before and after connecting, divided by N.
 *
 * The rows it writes (one production, one role, the messages) are deleted
 * again at the end, so the bench database stays as seeded.
 *
 *   --talents N       the bench database (default 10000: every subscriber's first
 *                     counts cost one at-a-glance read, ~6 ms at 10,000 talents
 *                     but ~60 ms at 100,000, where connecting 10,000 takes minutes)
 *   --connect-timeout S  give up connecting after S seconds (default 180)
 *   --subscribers N   subscribers (default 10000)
 *   --clients N       subscriber processes (default 2)
 *   --events N        single-talent events (default 200)
 *   --variants LIST   inprocess,redis (default both)
 *   --add-roles N     addRole latency samples (default 10)
 *   --env "K=V;…"     settings for the gateway (e.g. "COMPILED_EXECUTION=off")
 *   --heap-snapshots DIR  also write the gateway's heap before and after connecting
 *                     to DIR/<variant>-{before,after}.heapsnapshot (seconds each, and
 *                     RSS per subscriber reads low); `npm run bench:heap-diff --
 *                     BEFORE AFTER N` tells what grew, per subscriber
 *
 * Needs `ulimit -n` above the subscriber count (the npm script raises it).
 */
import "reflect-metadata";
import { fork, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import { AccountType } from "../entities/enums";
import { createTokenService } from "../src/auth/tokens";
import { helpRequested, numberArgument, parseSettings, stringArgument } from "./support/args";
import { connectTo, ensureBenchDatabase } from "./support/bench-database";
import { contractOperation } from "./support/dashboard-operation";
import {
  BENCH_JWT_SECRET,
  REPO_ROOT,
  sourceRevision,
  residentMemory,
  startGateway,
  type ServerProcess,
} from "./support/processes";
import { finishBench, log } from "./support/report";
import { kib, mib, ms, percentile, sortedCopy, table } from "./support/stats";
import { pickTalentIds, tokensFor, type BenchTalent } from "./support/talents";
import type { Arrival, Counts, FromSubscribers, ToSubscribers } from "./live/messages";

const argv = process.argv.slice(2);
const TALENTS = numberArgument(argv, "talents", 10_000);
const SUBSCRIBERS = numberArgument(argv, "subscribers", 10_000);
const CLIENT_PROCESSES = Math.max(1, numberArgument(argv, "clients", 2));
const EVENTS = numberArgument(argv, "events", 200);
const VARIANTS = stringArgument(argv, "variants", "inprocess,redis").split(",");
const ADD_ROLES = numberArgument(argv, "add-roles", 10);
const GATEWAY_ENV = parseSettings(stringArgument(argv, "env", ""), "--env");
const HEAP_SNAPSHOTS = stringArgument(argv, "heap-snapshots", "");
for (const variant of VARIANTS) {
  if (variant !== "inprocess" && variant !== "redis") throw new Error(`--variants: unknown variant '${variant}'`);
}
const REDIS_URL = process.env.BENCH_REDIS_URL ?? "redis://127.0.0.1:6379";
const SOURCE_ADDRESSES = ["127.0.0.1", "127.0.0.2", "127.0.0.3", "127.0.0.4"];
const CONNECT_TIMEOUT_MS = numberArgument(argv, "connect-timeout", 180) * 1000;
const EVENT_TIMEOUT_MS = 5_000;
const BROADCAST_TIMEOUT_MS = 120_000;
const FAN_OUT_TIMEOUT_MS = 120_000;
/** roles.countedThroughTalentId once a role's fan-out is done (FANNED_OUT in entities/role.entity.ts). */
const FANNED_OUT = 2_147_483_647;
const RESULTS_FILE = path.join(REPO_ROOT, "dist", "bench-results", `live-${TALENTS}-${SUBSCRIBERS}.json`);

const problems: string[] = [];

const clock = () => performance.timeOrigin + performance.now();

/** One subscriber child process, its clock offset and a feed of its arrivals. */
class SubscriberProcess {
  readonly child: ChildProcess;
  /** Add to the child's timestamps to get this process's clock. */
  offset = 0;
  private listeners = new Set<(message: FromSubscribers) => void>();

  constructor(onArrivals: (arrivals: Arrival[]) => void) {
    this.child = fork(path.join(__dirname, "live", "subscriber-process.js"), [], {
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    this.child.on("message", (message: FromSubscribers) => {
      if (message.type === "arrivals") {
        onArrivals(message.arrivals.map((arrival) => ({ ...arrival, at: arrival.at + this.offset })));
      }
      for (const listener of this.listeners) listener(message);
    });
  }

  send(message: ToSubscribers): void {
    this.child.send(message);
  }

  next<T extends FromSubscribers["type"]>(type: T, timeoutMs: number): Promise<Extract<FromSubscribers, { type: T }>> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.listeners.delete(listener);
        reject(new Error(`no '${type}' from subscriber process ${this.child.pid} within ${timeoutMs / 1000} s`));
      }, timeoutMs);
      const listener = (message: FromSubscribers) => {
        if (message.type !== type) return;
        clearTimeout(timer);
        this.listeners.delete(listener);
        resolve(message as Extract<FromSubscribers, { type: T }>);
      };
      this.listeners.add(listener);
    });
  }

  /** The clock offset from the round trip with the smallest delay, out of 20. */
  async calibrate(): Promise<void> {
    let best = { rtt: Infinity, offset: 0 };
    for (let i = 0; i < 20; i += 1) {
      const sentAt = clock();
      const reply = this.next("clock", 5_000);
      this.send({ type: "clock", sentAt });
      const { now } = await reply;
      const rtt = clock() - sentAt;
      if (rtt < best.rtt) best = { rtt, offset: sentAt + rtt / 2 - now };
    }
    this.offset = best.offset;
  }

  async close(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => this.child.once("exit", () => resolve()));
    this.send({ type: "close" });
    const timer = setTimeout(() => this.child.kill("SIGKILL"), 15_000);
    await exited;
    clearTimeout(timer);
  }
}

async function graphql<T>(url: string, token: string, query: string, variables: object): Promise<T> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: unknown };
  if (response.status !== 200 || body.errors) {
    throw new Error(`HTTP ${response.status}: ${JSON.stringify(body.errors ?? body).slice(0, 300)}`);
  }
  return body.data!;
}

async function gatewayHeap(gateway: ServerProcess): Promise<NodeJS.MemoryUsage> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("no memory answer from the gateway")), 10_000);
    const onMessage = (message: { type?: string; usage?: NodeJS.MemoryUsage }) => {
      if (message?.type !== "memory") return;
      clearTimeout(timer);
      gateway.child.off("message", onMessage);
      resolve(message.usage!);
    };
    gateway.child.on("message", onMessage);
    gateway.child.send({ type: "memory" });
  });
}

async function memorySnapshot(
  gateway: ServerProcess,
  heapSnapshotName: string,
): Promise<{ rss: number; heapUsed: number; external: number }> {
  const usage = await gatewayHeap(gateway);
  // Let the collector's freed pages settle before reading RSS.
  await sleep(500);
  const rss = residentMemory(gateway.pid).rss;
  // After the readings: writing a snapshot grows RSS (so a run with snapshots overstates the "before").
  if (HEAP_SNAPSHOTS)
    await writeHeapSnapshot(gateway, path.resolve(HEAP_SNAPSHOTS, `${heapSnapshotName}.heapsnapshot`));
  return { rss, heapUsed: usage.heapUsed, external: usage.external };
}

async function writeHeapSnapshot(gateway: ServerProcess, file: string): Promise<void> {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no heap snapshot from the gateway within 120 s`)), 120_000);
    const onMessage = (message: { type?: string }) => {
      if (message?.type !== "heap-snapshot") return;
      clearTimeout(timer);
      gateway.child.off("message", onMessage);
      resolve();
    };
    gateway.child.on("message", onMessage);
    gateway.child.send({ type: "heap-snapshot", file });
  });
  log(`  heap snapshot: ${path.relative(process.cwd(), file)}`);
}

/** Talents that a role created now must raise newRolesMatched for (seeded talents all qualify; checked). */
async function talentsExpectingNewRole(databaseUrl: string, ids: number[], roleCreatedAt: Date): Promise<Set<number>> {
  const connection = await connectTo(databaseUrl);
  try {
    const [rows] = await connection.query(
      `SELECT u.id FROM users u JOIN talent_profiles tp ON tp.talentId = u.id
       WHERE u.id IN (?) AND u.rolesMatchedSeenAt < ?`,
      [ids, roleCreatedAt],
    );
    return new Set((rows as Array<{ id: number }>).map((row) => Number(row.id)));
  } finally {
    await connection.end();
  }
}

/**
 * Resolves once the role's fan-out has reached every talent, with the clock
 * then: polled every 10 ms on a connection of its own.
 */
async function fannedOutAt(databaseUrl: string, roleId: number): Promise<number> {
  const connection = await connectTo(databaseUrl);
  try {
    const deadline = clock() + FAN_OUT_TIMEOUT_MS;
    for (;;) {
      const [rows] = await connection.query("SELECT countedThroughTalentId AS mark FROM roles WHERE id = ?", [roleId]);
      const mark = (rows as Array<{ mark: number }>)[0]?.mark;
      if (mark === undefined) throw new Error(`role ${roleId} is gone`);
      if (Number(mark) === FANNED_OUT) return clock();
      if (clock() > deadline)
        throw new Error(`role ${roleId}'s fan-out is unfinished after ${FAN_OUT_TIMEOUT_MS / 1000} s`);
      await sleep(10);
    }
  } finally {
    await connection.end();
  }
}

interface VariantResult {
  variant: string;
  subscribers: number;
  connectSeconds: number;
  single: { events: number; lost: number; p50: number; p99: number; max: number };
  broadcast: {
    expected: number;
    received: number;
    addRoleMs: number;
    p50: number;
    p90: number;
    p99: number;
    p100: number;
    within1s: number;
    /** From addRole's request to the last subscriber's update. */
    lastFromRequest: number;
    /** From addRole's request until the fan-out had raised every matching talent's kept count. */
    fanOutFromRequest: number;
  };
  addRole: {
    samples: number;
    p50: number;
    max: number;
    fanOutP50: number;
    fanOutMax: number;
    /** From each sample's request to the last subscriber's update. */
    lastP50: number;
    lastMax: number;
  };
  memory: {
    before: { rss: number; heapUsed: number };
    after: { rss: number; heapUsed: number };
    rssPerSubscriber: number;
    heapPerSubscriber: number;
  };
}

async function runVariant(variant: string, databaseUrl: string, talents: BenchTalent[]): Promise<VariantResult> {
  log(`== variant: ${variant === "redis" ? "Redis event bus" : "in-process event bus"}`);
  const gateway = await startGateway({
    databaseUrl,
    redisUrl: variant === "redis" ? REDIS_URL : undefined,
    entry: path.join(__dirname, "live", "gateway-with-memory-probe.js"),
    nodeArgs: ["--expose-gc"],
    ipc: true,
    env: GATEWAY_ENV,
  });
  log(`  gateway pid ${gateway.pid} at ${gateway.url}`);
  const tokens = createTokenService({ secret: BENCH_JWT_SECRET, ttlSeconds: 3600, sessionMaxAgeSeconds: 3600 });
  const director = tokens.issue({ id: 1, accountType: AccountType.CASTING_DIRECTOR }).token;
  const arrivalsByTalent = new Map<number, Arrival[]>();
  const waiters = new Map<number, (arrival: Arrival) => void>();
  const onArrivals = (arrivals: Arrival[]) => {
    for (const arrival of arrivals) {
      const list = arrivalsByTalent.get(arrival.talentId);
      if (list) list.push(arrival);
      else arrivalsByTalent.set(arrival.talentId, [arrival]);
      waiters.get(arrival.talentId)?.(arrival);
    }
  };
  const processes = Array.from({ length: CLIENT_PROCESSES }, () => new SubscriberProcess(onArrivals));
  const createdMessageIds: number[] = [];
  let createdProductionId: number | null = null;
  try {
    for (const subscriberProcess of processes) await subscriberProcess.calibrate();
    log(`  clock offsets of the subscriber processes: ${processes.map((p) => ms(p.offset, 3)).join(", ")}`);
    const before = await memorySnapshot(gateway, `${variant}-before`);
    log(`  before: RSS ${mib(before.rss)}, heap ${mib(before.heapUsed)}`);

    // Connect: each process takes its share of the talents.
    const connectStarted = clock();
    const wsUrl = gateway.url.replace(/^http/, "ws");
    const share = Math.ceil(talents.length / processes.length);
    const progress = new Map<number, number>();
    const connectedReplies = processes.map((subscriberProcess, i) => {
      subscriberProcess.child.on("message", (message: FromSubscribers) => {
        if (message.type !== "progress") return;
        progress.set(i, message.connected);
        const total = [...progress.values()].reduce((sum, n) => sum + n, 0);
        if (total % 2000 === 0) log(`  ${total} subscribers connected`);
      });
      const reply = subscriberProcess.next("connected", CONNECT_TIMEOUT_MS);
      subscriberProcess.send({
        type: "connect",
        url: wsUrl,
        talents: talents.slice(i * share, (i + 1) * share),
        localAddresses: SOURCE_ADDRESSES,
        parallel: 100,
      });
      return reply;
    });
    const connected = await Promise.all(connectedReplies);
    const connectSeconds = (clock() - connectStarted) / 1000;
    const connectedCount = connected.reduce((sum, c) => sum + c.connected, 0);
    const failedCount = connected.reduce((sum, c) => sum + c.failed, 0);
    log(`  ${connectedCount} subscribers connected in ${connectSeconds.toFixed(1)} s (${failedCount} failed)`);
    if (failedCount > 0) {
      problems.push(
        `${variant}: ${failedCount} subscribers failed to connect: ${connected.flatMap((c) => c.failures).join(" | ")}`,
      );
    }
    await sleep(1_000);
    const after = await memorySnapshot(gateway, `${variant}-after`);
    const rssPerSubscriber = (after.rss - before.rss) / connectedCount;
    const heapPerSubscriber = (after.heapUsed - before.heapUsed) / connectedCount;
    log(
      `  after: RSS ${mib(after.rss)}, heap ${mib(after.heapUsed)}: ${kib(rssPerSubscriber)} RSS, ${kib(heapPerSubscriber)} heap per subscriber`,
    );

    const latest = (talentId: number): Counts | null => {
      const list = arrivalsByTalent.get(talentId) ?? [];
      for (let i = list.length - 1; i >= 0; i -= 1) if (list[i]!.counts) return list[i]!.counts;
      return null;
    };
    const subscribed = talents.filter((talent) => latest(talent.id) !== null);

    // (a) One message at a time to a different subscribed talent.
    log(`  (a) ${EVENTS} single-talent events (sendMessage, one at a time)`);
    const delays: number[] = [];
    let lost = 0;
    // Contract operations: the production-mode gateway runs only trusted documents.
    const sendMessage = contractOperation("SendMessage");
    for (let i = 0; i < EVENTS; i += 1) {
      const talent = subscribed[(i * 7919) % subscribed.length]!;
      const previous = latest(talent.id)!.newMessages;
      const arrived = new Promise<Arrival | null>((resolve) => {
        const timer = setTimeout(() => resolve(null), EVENT_TIMEOUT_MS);
        waiters.set(talent.id, (arrival) => {
          if (arrival.counts && arrival.counts.newMessages > previous) {
            clearTimeout(timer);
            resolve(arrival);
          }
        });
      });
      const data = await graphql<{ sendMessage: { id: string } }>(gateway.url, director, sendMessage, {
        input: { toUserId: String(talent.id), body: `Benchmark message ${i}` },
      });
      const respondedAt = clock();
      createdMessageIds.push(Number(data.sendMessage.id));
      const arrival = await arrived;
      waiters.delete(talent.id);
      if (arrival) delays.push(arrival.at - respondedAt);
      else lost += 1;
    }
    const sortedDelays = sortedCopy(delays);
    const single = {
      events: EVENTS,
      lost,
      p50: percentile(sortedDelays, 50),
      p99: percentile(sortedDelays, 99),
      max: sortedDelays.at(-1) ?? NaN,
    };
    log(`      p50 ${ms(single.p50)}, p99 ${ms(single.p99)}, max ${ms(single.max)}, ${lost} lost`);
    if (lost > 0) problems.push(`${variant}: ${lost} of ${EVENTS} single-talent events never arrived`);

    // (b) One role that matches everyone.
    log(`  (b) broadcast: addRole without requirements on a new open production`);
    const expiresAt = new Date(Date.now() + 30 * 24 * 3600 * 1000).toISOString();
    const production = await graphql<{ createProduction: { id: string } }>(
      gateway.url,
      director,
      contractOperation("CreateProduction"),
      { input: { title: `Benchmark broadcast ${variant} ${Date.now()}`, expiresAt } },
    );
    createdProductionId = Number(production.createProduction.id);
    const roleCreatedAt = new Date();
    const expected = await talentsExpectingNewRole(
      databaseUrl,
      subscribed.map((t) => t.id),
      roleCreatedAt,
    );
    if (expected.size < subscribed.length) {
      problems.push(
        `${variant}: ${subscribed.length - expected.size} subscribed talents cannot count the new role ` +
          `(no profile, or rolesMatchedSeenAt not before it): the broadcast covers ${expected.size}`,
      );
    }
    log(`      ${expected.size} of ${subscribed.length} subscribers must see newRolesMatched rise (checked in SQL)`);
    const baselineRoles = new Map(subscribed.map((t) => [t.id, latest(t.id)!.newRolesMatched]));
    const arrivedAt = new Map<number, number>();
    let allArrived: () => void = () => undefined;
    const everyone = new Promise<void>((resolve) => (allArrived = resolve));
    for (const talentId of expected) {
      waiters.set(talentId, (arrival) => {
        if (arrivedAt.has(talentId) || !arrival.counts) return;
        if (arrival.counts.newRolesMatched > baselineRoles.get(talentId)!) {
          arrivedAt.set(talentId, arrival.at);
          if (arrivedAt.size === expected.size) allArrived();
        }
      });
    }
    const addRole = contractOperation("AddRole");
    const addRoleStarted = clock();
    const added = await graphql<{ addRole: { id: string } }>(gateway.url, director, addRole, {
      input: { productionId: String(createdProductionId), name: "Benchmark extra (anyone)" },
    });
    const addRoleRespondedAt = clock();
    const fannedOut = fannedOutAt(databaseUrl, Number(added.addRole.id));
    await Promise.race([everyone, sleep(BROADCAST_TIMEOUT_MS)]);
    const fanOutFromRequest = (await fannedOut) - addRoleStarted;
    for (const talentId of expected) waiters.delete(talentId);
    const times = sortedCopy([...arrivedAt.values()].map((at) => at - addRoleRespondedAt));
    const at = (p: number) =>
      times.length === expected.size ? percentile(times, p) : p === 100 ? NaN : percentile(times, p);
    const broadcast = {
      expected: expected.size,
      received: arrivedAt.size,
      addRoleMs: addRoleRespondedAt - addRoleStarted,
      p50: at(50),
      p90: at(90),
      p99: at(99),
      p100: times.length === expected.size ? times.at(-1)! : NaN,
      within1s: times.filter((t) => t <= 1000).length,
      lastFromRequest: times.length === expected.size ? times.at(-1)! + addRoleRespondedAt - addRoleStarted : NaN,
      fanOutFromRequest,
    };
    log(
      `      ${broadcast.received}/${broadcast.expected} updated; 50 % ${ms(broadcast.p50, 0)}, 90 % ${ms(broadcast.p90, 0)}, ` +
        `99 % ${ms(broadcast.p99, 0)}, 100 % ${ms(broadcast.p100, 0)}; ${broadcast.within1s} within 1 s; ` +
        `the last ${ms(broadcast.lastFromRequest, 0)} from the request; fan-out done ${ms(fanOutFromRequest, 0)} from the request`,
    );
    if (broadcast.received < broadcast.expected) {
      problems.push(
        `${variant}: only ${broadcast.received} of ${broadcast.expected} subscribers got the new role within ${BROADCAST_TIMEOUT_MS / 1000} s`,
      );
    }
    // (d) addRole on a quiet gateway: each once the last one's fan-out is done and every subscriber has its count.
    log(`  (d) ${ADD_ROLES} more addRole, one at a time, each once the last one has reached everyone`);
    const latencies: number[] = [];
    const fanOuts: number[] = [];
    const lasts: number[] = [];
    for (let i = 0; i < ADD_ROLES; i += 1) {
      await sleep(200);
      const baseline = new Map([...expected].map((talentId) => [talentId, latest(talentId)!.newRolesMatched]));
      let lastAt = NaN;
      let reached = 0;
      let reachedAll: () => void = () => undefined;
      const all = new Promise<void>((resolve) => (reachedAll = resolve));
      for (const talentId of expected) {
        let done = false;
        waiters.set(talentId, (arrival) => {
          if (done || !arrival.counts || arrival.counts.newRolesMatched <= baseline.get(talentId)!) return;
          done = true;
          lastAt = Math.max(Number.isNaN(lastAt) ? 0 : lastAt, arrival.at);
          reached += 1;
          if (reached === expected.size) reachedAll();
        });
      }
      const started = clock();
      const sample = await graphql<{ addRole: { id: string } }>(gateway.url, director, addRole, {
        input: { productionId: String(createdProductionId), name: `Benchmark latency ${i} (anyone)` },
      });
      latencies.push(clock() - started);
      fanOuts.push((await fannedOutAt(databaseUrl, Number(sample.addRole.id))) - started);
      await Promise.race([all, sleep(BROADCAST_TIMEOUT_MS)]);
      for (const talentId of expected) waiters.delete(talentId);
      if (reached < expected.size)
        problems.push(`${variant}: addRole sample ${i} reached ${reached} of ${expected.size}`);
      else lasts.push(lastAt - started);
    }
    const sortedLatencies = sortedCopy(latencies);
    const sortedFanOuts = sortedCopy(fanOuts);
    const addRoleResult = {
      samples: ADD_ROLES,
      p50: percentile(sortedLatencies, 50),
      max: sortedLatencies.at(-1) ?? NaN,
      fanOutP50: percentile(sortedFanOuts, 50),
      fanOutMax: sortedFanOuts.at(-1) ?? NaN,
      lastP50: percentile(sortedCopy(lasts), 50),
      lastMax: sortedCopy(lasts).at(-1) ?? NaN,
    };
    log(
      `      addRole p50 ${ms(addRoleResult.p50)}, max ${ms(addRoleResult.max)}; ` +
        `fan-out done p50 ${ms(addRoleResult.fanOutP50, 0)}, max ${ms(addRoleResult.fanOutMax, 0)}; ` +
        `last subscriber p50 ${ms(addRoleResult.lastP50, 0)}, max ${ms(addRoleResult.lastMax, 0)}, from the request`,
    );

    const errors = [...arrivalsByTalent.values()].flat().filter((arrival) => arrival.error);
    if (errors.length > 0) problems.push(`${variant}: ${errors.length} subscription errors, e.g. ${errors[0]!.error}`);

    return {
      variant,
      subscribers: connectedCount,
      connectSeconds,
      single,
      broadcast,
      addRole: addRoleResult,
      memory: { before, after, rssPerSubscriber, heapPerSubscriber },
    };
  } finally {
    await Promise.all(processes.map((p) => p.close()));
    await gateway.stop();
    await removeBenchRows(databaseUrl, createdMessageIds, createdProductionId);
  }
}

/**
 * Deletes what the run wrote, so the next benchmark sees the seeded database:
 * its roles (which match every talent) come out of the kept counts they were
 * fanned out to first, as the gateway would count them.
 */
async function removeBenchRows(databaseUrl: string, messageIds: number[], productionId: number | null): Promise<void> {
  const connection = await connectTo(databaseUrl);
  try {
    if (messageIds.length > 0) await connection.query("DELETE FROM messages WHERE id IN (?)", [messageIds]);
    if (productionId !== null) {
      const [roles] = await connection.query(
        "SELECT id, createdAt, countedThroughTalentId AS mark FROM roles WHERE productionId = ?",
        [productionId],
      );
      for (const role of roles as Array<{ id: number; createdAt: Date; mark: number }>) {
        await connection.query(
          `UPDATE users u SET u.newRolesMatchedCount = u.newRolesMatchedCount - 1
           WHERE u.accountType = 'TALENT' AND u.id <= ? AND u.rolesMatchedSeenAt < ?
             AND EXISTS (SELECT 1 FROM talent_profiles tp WHERE tp.talentId = u.id)
             AND NOT EXISTS (SELECT 1 FROM applications a WHERE a.talentId = u.id AND a.roleId = ?)`,
          [role.mark, role.createdAt, role.id],
        );
      }
      await connection.query("DELETE FROM roles WHERE productionId = ?", [productionId]);
      await connection.query("DELETE FROM productions WHERE id = ?", [productionId]);
    }
  } finally {
    await connection.end();
  }
}

function report(results: VariantResult[]): string {
  const name = (v: string) => (v === "redis" ? "Redis bus" : "in-process bus");
  return [
    `### Live updates: ${results[0]?.subscribers ?? 0} notificationCounts subscribers, ${TALENTS.toLocaleString("en-US")}-talent database\n`,
    table(
      ["variant", "connect time", "single event p50", "single event p99", "max", "lost"],
      results.map((r) => [
        name(r.variant),
        `${r.connectSeconds.toFixed(1)} s`,
        ms(r.single.p50),
        ms(r.single.p99),
        ms(r.single.max),
        r.single.lost,
      ]),
    ),
    "",
    table(
      [
        "variant",
        "updated / expected",
        "addRole response",
        "50 %",
        "90 %",
        "99 %",
        "100 %",
        "within 1 s",
        "last, from the request",
        "fan-out done, from the request",
      ],
      results.map((r) => [
        name(r.variant),
        `${r.broadcast.received} / ${r.broadcast.expected}`,
        ms(r.broadcast.addRoleMs, 0),
        ms(r.broadcast.p50, 0),
        ms(r.broadcast.p90, 0),
        ms(r.broadcast.p99, 0),
        ms(r.broadcast.p100, 0),
        r.broadcast.within1s,
        ms(r.broadcast.lastFromRequest, 0),
        ms(r.broadcast.fanOutFromRequest, 0),
      ]),
    ),
    "",
    table(
      [
        "variant",
        "addRole samples",
        "addRole p50",
        "addRole max",
        "fan-out done p50",
        "fan-out done max",
        "last subscriber p50",
        "last subscriber max",
      ],
      results.map((r) => [
        name(r.variant),
        r.addRole.samples,
        ms(r.addRole.p50),
        ms(r.addRole.max),
        ms(r.addRole.fanOutP50, 0),
        ms(r.addRole.fanOutMax, 0),
        ms(r.addRole.lastP50, 0),
        ms(r.addRole.lastMax, 0),
      ]),
    ),
    "",
    table(
      ["variant", "RSS before", "RSS after", "RSS per subscriber", "heap before", "heap after", "heap per subscriber"],
      results.map((r) => [
        name(r.variant),
        mib(r.memory.before.rss),
        mib(r.memory.after.rss),
        kib(r.memory.rssPerSubscriber),
        mib(r.memory.before.heapUsed),
        mib(r.memory.after.heapUsed),
        kib(r.memory.heapPerSubscriber),
      ]),
    ),
  ].join("\n");
}

/** The soft limit on open files of this process (the gateway child inherits it), from /proc/self/limits. */
function openFilesLimit(): number {
  const limits = fs.readFileSync("/proc/self/limits", "utf8");
  const limit = /^Max open files\s+(\d+|unlimited)/m.exec(limits)?.[1];
  return limit === undefined || limit === "unlimited" ? Infinity : Number(limit);
}

async function main(): Promise<void> {
  if (helpRequested(argv, __filename)) return;
  const needed = SUBSCRIBERS + 1_000;
  if (openFilesLimit() < needed) {
    throw new Error(
      `ulimit -n is ${openFilesLimit()}: the gateway needs a file descriptor per subscriber. ` +
        `Run through \`npm run bench:live\` (which raises it to the hard limit) or \`ulimit -n ${needed}\` first.`,
    );
  }
  const started = Date.now();
  log(`gateway sources: ${sourceRevision()}; node ${process.version}`);
  const databaseUrl = await ensureBenchDatabase(TALENTS, (line) => log(line));
  const talents = tokensFor(await pickTalentIds(databaseUrl, SUBSCRIBERS, 11));
  if (talents.length < SUBSCRIBERS) throw new Error(`the database has only ${talents.length} talents`);
  log(
    `${SUBSCRIBERS} subscribers over ${CLIENT_PROCESSES} processes from ${SOURCE_ADDRESSES.join(", ")}; variants ${VARIANTS.join(", ")}`,
  );
  void contractOperation("NotificationCounts");
  const results: VariantResult[] = [];
  for (const variant of VARIANTS) results.push(await runVariant(variant, databaseUrl, talents));
  const markdown = report(results);
  console.log(`\n${markdown}\n`);
  await finishBench({ resultsFile: RESULTS_FILE, results: { talents: TALENTS, results }, problems, started });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
