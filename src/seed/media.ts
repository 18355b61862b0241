import { MediaKind } from "../../entities";
import type { IdSequences } from "./ids";
import type { ProfilePlan } from "./profile-plan";
import type { Random } from "./random";
import type { MediaItemRow, RowsByTable, UserRow } from "./rows";

/** Realistic sizes and names per kind of file. */
const KINDS: Record<MediaKind, { extension: string; minBytes: number; maxBytes: number; titles: readonly string[] }> = {
  [MediaKind.PHOTO]: {
    extension: "jpg",
    minBytes: 180_000,
    maxBytes: 6_000_000,
    titles: [
      "Theatrical headshot",
      "Commercial headshot",
      "Full-length shot",
      "On-set still",
      "Profile shot",
      "Smiling headshot",
    ],
  },
  [MediaKind.VIDEO]: {
    extension: "mp4",
    minBytes: 15_000_000,
    maxBytes: 450_000_000,
    titles: ["Drama reel", "Comedy reel", "Monologue", "Showreel 2025"],
  },
  [MediaKind.AUDIO]: {
    extension: "mp3",
    minBytes: 800_000,
    maxBytes: 25_000_000,
    titles: ["Voice-over reel", "Singing demo", "Accent reel"],
  },
  [MediaKind.DOCUMENT]: {
    extension: "pdf",
    minBytes: 40_000,
    maxBytes: 2_000_000,
    titles: ["Résumé", "Acting CV", "Training certificate"],
  },
};

/**
 * 0-8 files in the talent's media locker, following the profile plan: at least
 * three photos for PHOTOS, the first one primary for HEADSHOT (never more than
 * one primary), a video and an audio file for the reels, sometimes documents.
 */
export function generateMedia(
  rng: Random,
  talent: UserRow,
  plan: ProfilePlan,
  now: Date,
  ids: IdSequences,
  out: RowsByTable,
): void {
  const photoCount = plan.photos
    ? rng.int(3, 4)
    : plan.headshot
      ? rng.int(1, 2)
      : rng.chance(plan.completeness)
        ? rng.int(1, 2)
        : 0;
  const documentCount = rng.chance(0.2 + 0.4 * plan.completeness) ? rng.int(1, 2) : 0;
  const add = (kind: MediaKind, isPrimary: boolean) =>
    out.media_items.push(mediaItem(rng, ids.next("media_items"), talent, kind, isPrimary, now));

  for (let i = 0; i < photoCount; i++) add(MediaKind.PHOTO, plan.headshot && i === 0);
  if (plan.videoReel) add(MediaKind.VIDEO, false);
  if (plan.audioReel) add(MediaKind.AUDIO, false);
  for (let i = 0; i < documentCount; i++) add(MediaKind.DOCUMENT, false);
}

export function mediaItem(
  rng: Random,
  id: number,
  talent: UserRow,
  kind: MediaKind,
  isPrimary: boolean,
  now: Date,
): MediaItemRow {
  const shape = KINDS[kind];
  const title = isPrimary ? "Headshot" : rng.pick(shape.titles);
  const slug = title
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-");
  return {
    id,
    talentId: talent.id,
    kind,
    title,
    bytes: rng.int(shape.minBytes, shape.maxBytes),
    url: `https://media.example.test/talents/${talent.id}/${id}-${slug}.${shape.extension}`,
    isPrimary,
    createdAt: rng.dateBetween(talent.createdAt, now),
  };
}
