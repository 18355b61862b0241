import http from "node:http";
import { performance } from "node:perf_hooks";
import autocannon from "autocannon";
import { dashboardFailure } from "./dashboard-operation";
import { percentile, sortedCopy } from "./stats";
import type { BenchTalent } from "./talents";

export interface LoadResult {
  connections: number;
  durationSeconds: number;
  requests: number;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  /** Responses that were not a success (status, errors, missing data), plus transport errors and timeouts. */
  failures: number;
  failureSamples: string[];
}

/**
 * Drives POST `url` with `body` at a fixed number of connections for a fixed
 * time with autocannon, each request as the next talent in `talents` (so every
 * connection keeps switching users), checking every response. Latencies are
 * autocannon's own per-response times (high resolution), not its histogram,
 * whose buckets are whole milliseconds.
 */
export async function runLoad(options: {
  url: string;
  body: string;
  talents: readonly BenchTalent[];
  connections: number;
  durationSeconds: number;
}): Promise<LoadResult> {
  let next = 0;
  let failures = 0;
  let checked = 0;
  const failureSamples: string[] = [];
  const latencies: number[] = [];
  const fail = (reason: string) => {
    failures += 1;
    if (failureSamples.length < 5) failureSamples.push(reason);
  };
  let instance: autocannon.Instance | undefined;
  const finished = new Promise<autocannon.Result>((resolve, reject) => {
    instance = autocannon(
      {
        url: options.url,
        connections: options.connections,
        duration: options.durationSeconds,
        timeout: 10,
        method: "POST",
        headers: { "content-type": "application/json" },
        body: options.body,
        requests: [
          {
            setupRequest: (request) => {
              const talent = options.talents[next % options.talents.length]!;
              next += 1;
              return { ...request, headers: { ...request.headers, authorization: `Bearer ${talent.token}` } };
            },
            onResponse: (status, body) => {
              checked += 1;
              const failure = dashboardFailure(status, body);
              if (failure) fail(failure);
            },
          },
        ],
      },
      (error, result) => (error ? reject(error) : resolve(result)),
    );
  });
  instance!.on("response", (_client, _status, _bytes, responseTime) => latencies.push(responseTime));
  instance!.on("reqError", (error) => {
    if (failureSamples.length < 5) failureSamples.push(`request error: ${String(error)}`);
  });
  const result = await finished;
  const sorted = sortedCopy(latencies);
  // Transport errors and timeouts (autocannon counts a timeout in both), and any response left unchecked.
  failures += result.errors + Math.max(0, latencies.length - checked);
  return {
    connections: options.connections,
    durationSeconds: options.durationSeconds,
    requests: latencies.length,
    requestsPerSecond: latencies.length / (result.duration || options.durationSeconds),
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    failures,
    failureSamples,
  };
}

/** One POST with a keep-alive agent: status, body, and the time from sending to the last byte. */
export function postOnce(
  agent: http.Agent,
  url: string,
  body: string,
  token: string,
): Promise<{ status: number; body: string; ms: number }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const request = http.request(
      url,
      {
        method: "POST",
        agent,
        headers: {
          "content-type": "application/json",
          "content-length": Buffer.byteLength(body),
          authorization: `Bearer ${token}`,
        },
        timeout: 10_000,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () =>
          resolve({
            status: response.statusCode ?? 0,
            body: Buffer.concat(chunks).toString("utf8"),
            ms: performance.now() - started,
          }),
        );
        response.on("error", reject);
      },
    );
    request.on("timeout", () => request.destroy(new Error("timed out after 10 s")));
    request.on("error", reject);
    request.end(body);
  });
}

export interface SequentialResult {
  requests: number;
  p50: number;
  p99: number;
  mean: number;
  failures: number;
  failureSamples: string[];
}

/** `count` requests one after another from one client, over the talents in turn. */
export async function runSequential(options: {
  url: string;
  body: string;
  talents: readonly BenchTalent[];
  count: number;
}): Promise<SequentialResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const times: number[] = [];
  const failureSamples: string[] = [];
  let failures = 0;
  try {
    for (let i = 0; i < options.count; i += 1) {
      const talent = options.talents[i % options.talents.length]!;
      const response = await postOnce(agent, options.url, options.body, talent.token);
      const failure = dashboardFailure(response.status, response.body);
      if (failure) {
        failures += 1;
        if (failureSamples.length < 5) failureSamples.push(failure);
      }
      times.push(response.ms);
    }
  } finally {
    agent.destroy();
  }
  const sorted = sortedCopy(times);
  return {
    requests: times.length,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    mean: times.reduce((sum, t) => sum + t, 0) / times.length,
    failures,
    failureSamples,
  };
}
