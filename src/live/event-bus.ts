import type { TraceParent } from "../trace-parent";

/**
 * Topic-based pub/sub between gateway instances (Redis) or inside one
 * (in-process). `subscribe` resolves only once delivery is active, so a
 * subscriber that takes a snapshot after it cannot miss a change in between.
 *
 * The TraceParents are for tracing's wrapper (src/tracing/live-spans.ts): a
 * publish names the work it is part of, a delivery hands the listener its
 * own. The buses themselves ignore them.
 */
export interface EventBus {
  publish(topic: string, payload: unknown, publishedIn?: TraceParent): Promise<void>;
  /** Resolves to an unsubscribe function once the listener will receive what is published next. */
  subscribe(topic: string, listener: (payload: unknown, deliveredIn?: TraceParent) => void): Promise<() => void>;
  close(): Promise<void>;
}

/**
 * Listeners per topic, with the hooks a transport needs when a topic gains its
 * first listener or loses its last one. Shared by both buses.
 */
export class TopicListeners {
  private readonly listeners = new Map<string, Set<(payload: unknown) => void>>();

  /** Adds a listener; returns true when it is the topic's first. */
  add(topic: string, listener: (payload: unknown) => void): boolean {
    const existing = this.listeners.get(topic);
    if (existing) {
      existing.add(listener);
      return false;
    }
    this.listeners.set(topic, new Set([listener]));
    return true;
  }

  /** Removes a listener; returns true when the topic has none left. */
  remove(topic: string, listener: (payload: unknown) => void): boolean {
    const existing = this.listeners.get(topic);
    if (!existing) return false;
    existing.delete(listener);
    if (existing.size > 0) return false;
    this.listeners.delete(topic);
    return true;
  }

  deliver(topic: string, payload: unknown): void {
    for (const listener of [...(this.listeners.get(topic) ?? [])]) listener(payload);
  }

  get topicCount(): number {
    return this.listeners.size;
  }
}
