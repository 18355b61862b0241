import { STREAM_CLOCK_SKEW_MARGIN_MS, type StreamName, type StreamPosition } from "../domain/stream-position";
import { StreamResumeRefusedError } from "../errors";
import type { TraceParent } from "../trace-parent";
import type { DomainEvent } from "./domain-events";
import type { StreamReaders } from "./live-readers";

/**
 * The relay sequences a resumed stream replays, (after, through], or a
 * refusal: a position older than the replay window, from the future, beyond
 * the relay counter (a forged cursor: only possible with the signing secret),
 * or reaching below what pruning kept. Call it once the live topic is being
 * listened to: `through` is read now, and everything after it arrives live.
 */
export async function replayRange(
  readers: StreamReaders,
  stream: { name: StreamName; eventType: DomainEvent["type"]; itemIdOf(event: DomainEvent): number | null },
  audienceId: number,
  position: StreamPosition,
  clock: { now: Date; replayWindowMs: number },
  readIn?: TraceParent,
): Promise<{ after: number; through: number }> {
  const refused = () => new StreamResumeRefusedError(stream.name);
  const positionTime = (position.kind === "sequence" ? position.issuedAt : position.readAt).getTime();
  const now = clock.now.getTime();
  if (positionTime < now - clock.replayWindowMs || positionTime > now + STREAM_CLOCK_SKEW_MARGIN_MS) throw refused();
  const bounds = await readers.bounds(readIn);
  const through = bounds.lastRelaySequence;
  if (position.kind === "sequence") {
    if (position.sequence > through || position.sequence < bounds.prunedThroughSequence) throw refused();
    const atCursor = await readers.eventAt(position.sequence, readIn);
    if (
      atCursor?.audienceId === audienceId &&
      atCursor.event !== null &&
      atCursor.event.type === stream.eventType &&
      stream.itemIdOf(atCursor.event) === position.itemId
    ) {
      return { after: position.sequence, through };
    }
    // The sequence names another event now: the push that carried it was published by a relay that died
    // before committing, and the next relay gave its sequences out afresh. Events committed meanwhile may
    // sit below it, so resume from the moment the cursor was issued instead, as for a list's cursor.
  }
  // An item committed after that moment was relayed after it, by a clock perhaps a little behind.
  // (For a sequence cursor, its push came before issuedAt: what was relayed after the push is after it too.)
  const since = new Date(positionTime - STREAM_CLOCK_SKEW_MARGIN_MS);
  const first = await readers.firstSequenceRelayedSince(audienceId, stream.eventType, since, readIn);
  const after = first === null ? through : Math.min(first - 1, through);
  if (after < bounds.prunedThroughSequence) throw refused();
  return { after, through };
}
