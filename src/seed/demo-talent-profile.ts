import { Gender, MediaKind, UnionStatus } from "../../entities";
import type { IdSequences } from "./ids";
import { mediaItem } from "./media";
import type { Random } from "./random";
import type { RowsByTable, UserRow } from "./rows";
import { DAY, before } from "./time";

/*
 * The demo talent's profile scores 7 of 10: a primary headshot (2), four
 * photos (1), location (1), skills (1), a video (1) and an audio file (1).
 * Missing: a bio, the height that would complete the physical details, and credits.
 * Gender, playing age, location and union status are set because the
 * demo's new role matches are computed from them.
 */
export function generateDemoTalentProfile(
  rng: Random,
  talent: UserRow,
  now: Date,
  ids: IdSequences,
  out: RowsByTable,
): void {
  out.talent_profiles.push({
    talentId: talent.id,
    bio: null,
    gender: Gender.FEMALE,
    playableAgeMin: 25,
    playableAgeMax: 35,
    heightCm: null,
    location: "Los Angeles",
    unionStatus: UnionStatus.NON_UNION,
    updatedAt: before(now, 5 * DAY),
  });
  for (const name of ["Improvisation", "Spanish (fluent)", "Stage combat", "Singing (soprano)"]) {
    out.talent_skills.push({ id: ids.next("talent_skills"), talentId: talent.id, name });
  }
  const kinds = [
    MediaKind.PHOTO,
    MediaKind.PHOTO,
    MediaKind.PHOTO,
    MediaKind.PHOTO,
    MediaKind.VIDEO,
    MediaKind.AUDIO,
    MediaKind.DOCUMENT,
  ];
  kinds.forEach((kind, index) =>
    out.media_items.push(mediaItem(rng, ids.next("media_items"), talent, kind, index === 0, now)),
  );
}
