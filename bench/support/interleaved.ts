import http from "node:http";
import { dashboardFailure } from "./dashboard-operation";
import { postOnce, type SequentialResult } from "./load";
import { percentile, sortedCopy } from "./stats";
import type { BenchTalent } from "./talents";

export interface InterleavedTarget {
  url: string;
  talents: readonly BenchTalent[];
}

/**
 * One client asking two servers in turn (a, b, then b, a, …), one request at a
 * time, after `warmup` unmeasured requests to each. Both see the same moments
 * of the machine, so a drift in its load (this VM's neighbours, MariaDB's
 * background work) cannot pass for a difference between them, as it can when
 * one is measured minutes after the other.
 */
export async function runInterleaved(options: {
  a: InterleavedTarget;
  b: InterleavedTarget;
  body: string;
  warmup: number;
  pairs: number;
}): Promise<{ a: SequentialResult; b: SequentialResult }> {
  const clients = [options.a, options.b].map((target) => ({
    target,
    agent: new http.Agent({ keepAlive: true, maxSockets: 1 }),
    times: [] as number[],
    failures: 0,
    failureSamples: [] as string[],
    next: 0,
  }));
  type Client = (typeof clients)[number];
  const ask = async (client: Client, measured: boolean) => {
    const talent = client.target.talents[client.next++ % client.target.talents.length]!;
    const response = await postOnce(client.agent, client.target.url, options.body, talent.token);
    const failure = dashboardFailure(response.status, response.body);
    if (failure) {
      client.failures += 1;
      if (client.failureSamples.length < 5) client.failureSamples.push(failure);
    }
    if (measured) client.times.push(response.ms);
  };
  try {
    for (let i = 0; i < options.warmup; i += 1) for (const client of clients) await ask(client, false);
    for (let i = 0; i < options.pairs; i += 1) {
      const [first, second] = i % 2 === 0 ? clients : [clients[1]!, clients[0]!];
      await ask(first!, true);
      await ask(second!, true);
    }
  } finally {
    for (const client of clients) client.agent.destroy();
  }
  const [a, b] = clients.map((client): SequentialResult => {
    const sorted = sortedCopy(client.times);
    return {
      requests: client.times.length,
      p50: percentile(sorted, 50),
      p99: percentile(sorted, 99),
      mean: client.times.reduce((sum, t) => sum + t, 0) / client.times.length,
      failures: client.failures,
      failureSamples: client.failureSamples,
    };
  });
  return { a: a!, b: b! };
}
