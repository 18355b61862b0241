import type { DomainEvent } from "../live/domain-events";

/** An outbox row's payload: the DomainEvent as JSON, exactly as the mutation produced it. */
export function encodeEvent(event: DomainEvent): string {
  return JSON.stringify(event);
}

/**
 * The event a row holds, or null for a payload that is not one (a corrupted
 * row, which the relay must pass over rather than retry for ever). The shape
 * beyond `type` is the writer's: the row was written by the gateway itself, in
 * the transaction of the change it describes.
 */
export function decodeEvent(payload: string): DomainEvent | null {
  try {
    const value: unknown = JSON.parse(payload);
    if (typeof value !== "object" || value === null || typeof (value as { type?: unknown }).type !== "string") {
      return null;
    }
    return value as DomainEvent;
  } catch {
    return null;
  }
}
