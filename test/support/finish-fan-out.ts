import type { DataSource } from "typeorm";
import { fanOutNextChunk, type FannedOutChunk } from "../../src/role-matches/fan-out-chunk";

/**
 * Runs fan-out chunks until no role is left unfinished (beside the gateway's
 * own job: chunks lock the role, so the two never count a talent twice), and
 * returns the chunks this call ran. A role held by another transaction is
 * waited for, at most `timeoutMs` in all.
 */
export async function finishFanOut(
  db: DataSource,
  options: { chunkTalentIds?: number; timeoutMs?: number } = {},
): Promise<FannedOutChunk[]> {
  const deadline = Date.now() + (options.timeoutMs ?? 10_000);
  const chunks: FannedOutChunk[] = [];
  for (;;) {
    const outcome = await fanOutNextChunk(db, options.chunkTalentIds ?? 5_000);
    if (outcome.kind === "idle") return chunks;
    if (outcome.kind === "chunk") chunks.push(outcome);
    else if (Date.now() > deadline) throw new Error("a role's fan-out stayed locked past the timeout");
    else await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
