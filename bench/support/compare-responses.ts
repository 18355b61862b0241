import http from "node:http";
import { isDeepStrictEqual } from "node:util";
import { postOnce } from "./load";
import type { BenchTalent } from "./talents";

/** The first path at which two JSON values differ, for a readable mismatch report. */
function firstDifference(a: unknown, b: unknown, at = "$"): string | null {
  if (isDeepStrictEqual(a, b)) return null;
  if (a && b && typeof a === "object" && typeof b === "object") {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const key of keys) {
      const found = firstDifference(
        (a as Record<string, unknown>)[key],
        (b as Record<string, unknown>)[key],
        `${at}.${key}`,
      );
      if (found) return found;
    }
  }
  return `${at}: ${JSON.stringify(a)?.slice(0, 200)} vs ${JSON.stringify(b)?.slice(0, 200)}`;
}

/**
 * Asks both servers for the same talents' dashboards and compares the JSON
 * (`data` and `errors`). A difference is asked again once, since the two
 * answers are computed a moment apart (an audition falling due in between).
 * Returns the mismatches; empty means equal.
 */
export async function compareResponses(
  gatewayUrl: string,
  baselineUrl: string,
  talents: readonly BenchTalent[],
  body: string,
): Promise<string[]> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 2 });
  const mismatches: string[] = [];
  try {
    for (const talent of talents) {
      let difference: string | null = null;
      for (let attempt = 0; attempt < 2; attempt += 1) {
        const [gateway, baseline] = await Promise.all([
          postOnce(agent, gatewayUrl, body, talent.token),
          postOnce(agent, baselineUrl, body, talent.token),
        ]);
        const g = JSON.parse(gateway.body) as unknown;
        const b = JSON.parse(baseline.body) as unknown;
        difference =
          gateway.status !== baseline.status ? `status ${gateway.status} vs ${baseline.status}` : firstDifference(g, b);
        if (!difference) break;
      }
      if (difference) mismatches.push(`talent ${talent.id}: ${difference}`);
    }
  } finally {
    agent.destroy();
  }
  return mismatches;
}
