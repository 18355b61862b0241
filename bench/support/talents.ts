import { AccountType } from "../../entities/enums";
import { createTokenService } from "../../src/auth/tokens";
import { connectTo } from "./bench-database";
import { BENCH_JWT_SECRET } from "./processes";
import { seededRandom } from "./stats";

export interface BenchTalent {
  id: number;
  token: string;
}

/** `count` distinct talents of the bench database, the same ones every run (seeded shuffle). */
export async function pickTalentIds(databaseUrl: string, count: number, seed = 7): Promise<number[]> {
  const connection = await connectTo(databaseUrl);
  try {
    const [rows] = await connection.query("SELECT id FROM users WHERE accountType = 'TALENT' ORDER BY id");
    const ids = (rows as Array<{ id: number }>).map((row) => Number(row.id));
    const random = seededRandom(seed);
    for (let i = ids.length - 1; i > 0; i -= 1) {
      const j = Math.floor(random() * (i + 1));
      [ids[i], ids[j]] = [ids[j]!, ids[i]!];
    }
    return ids.slice(0, Math.min(count, ids.length));
  } finally {
    await connection.end();
  }
}

/** Bearer tokens for talents, signed with the bench servers' secret by the gateway's own token service. */
export function tokensFor(ids: readonly number[], ttlSeconds = 4 * 3600): BenchTalent[] {
  const tokens = createTokenService({ secret: BENCH_JWT_SECRET, ttlSeconds, sessionMaxAgeSeconds: ttlSeconds });
  return ids.map((id) => ({ id, token: tokens.issue({ id, accountType: AccountType.TALENT }).token }));
}
