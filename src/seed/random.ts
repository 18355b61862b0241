/*
 * The seed's only source of randomness. A seeded PRNG (mulberry32) keeps the
 * demo data identical from run to run; Math.random never appears in the seed.
 */

/** A deterministic pseudo-random stream with the helpers the generators need. */
export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /**
   * An independent stream for one subject (a talent, a production...), so a
   * change to how one subject is generated does not reshuffle every other one.
   */
  static derive(seed: number, ...path: ReadonlyArray<string | number>): Random {
    return new Random(hashPath(seed, path));
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer from min to max, both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error("Random.pick needs at least one item");
    return items[Math.floor(this.next() * items.length)];
  }

  /** `count` distinct items in random order (a partial shuffle of a copy: for short lists). */
  sample<T>(items: readonly T[], count: number): T[] {
    const copy = items.slice();
    const size = Math.min(count, copy.length);
    for (let i = 0; i < size; i++) {
      const j = i + Math.floor(this.next() * (copy.length - i));
      [copy[i], copy[j]] = [copy[j], copy[i]];
    }
    return copy.slice(0, size);
  }

  /** One value, chosen with probability proportional to its weight. */
  weighted<T>(choices: ReadonlyArray<readonly [value: T, weight: number]>): T {
    const total = choices.reduce((sum, [, weight]) => sum + weight, 0);
    let point = this.next() * total;
    for (const [value, weight] of choices) {
      point -= weight;
      if (point < 0) return value;
    }
    return choices[choices.length - 1][0];
  }

  /** `from` plus a whole number of seconds, no later than `to`; `from` itself when the window is empty. */
  dateBetween(from: Date, to: Date): Date {
    const span = Math.floor((to.getTime() - from.getTime()) / 1000);
    if (span <= 0) return new Date(from.getTime());
    return new Date(from.getTime() + this.int(0, span) * 1000);
  }
}

/** FNV-1a over the path, then murmur3's finalizer to spread nearby seeds apart. */
function hashPath(seed: number, path: ReadonlyArray<string | number>): number {
  let hash = 0x811c9dc5 ^ (seed >>> 0);
  for (const char of path.join("\u0000")) {
    hash = Math.imul(hash ^ char.charCodeAt(0), 0x01000193);
  }
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return hash >>> 0;
}
