import type { Random } from "./random";
import { BRANDS, CAMPAIGNS, PRODUCTION_KINDS, TITLE_NOUNS, TITLE_OPENERS } from "./words";

/** A production's title as casting calls show it: "Salt Harbor (Feature Film)", "Glass Tide — Season 2". */
export function productionTitle(rng: Random): string {
  const kind = rng.pick(PRODUCTION_KINDS);
  const base = `${rng.pick(TITLE_OPENERS)} ${rng.pick(TITLE_NOUNS)}`;
  if (kind === "TV Series") return `${base} — Season ${rng.int(1, 4)}`;
  if (kind === "Commercial") return `${rng.pick(BRANDS)} — ${rng.pick(CAMPAIGNS)}`;
  return `${base} (${kind})`;
}
