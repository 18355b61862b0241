import type { DataSource } from "typeorm";
import { MediaKind, type Gender, type UnionStatus } from "../../entities/enums";
import { MediaItem } from "../../entities/media-item.entity";
import { TalentCredit } from "../../entities/talent-credit.entity";
import { TalentProfile } from "../../entities/talent-profile.entity";
import { TalentSkill } from "../../entities/talent-skill.entity";
import { isUniqueViolation } from "../db/unique-violation";
import { BadUserInputError, DeletedAccountError } from "../errors";
import type { RelayNudge } from "../outbox/outbox-relay";
import { holdSettlementMark, lockTalentCounts, recountTalent } from "../role-matches/kept-counts";
import { requireOrderedRange } from "./checks";
import { createWriteThenPublish } from "./write-then-publish";

export interface NewMediaItem {
  kind: MediaKind;
  title: string;
  bytes: number;
  url: string;
  /** Makes this photo the headshot, in place of any other. */
  primary?: boolean | null;
}

export interface Credit {
  title: string;
  role: string;
  year?: number | null;
}

/**
 * A partial profile: a field that is absent (undefined) stays as stored, a
 * field set to null is cleared. `skills` and `credits`, when present, replace
 * the whole list.
 */
export interface ProfileChanges {
  bio?: string | null;
  gender?: Gender | null;
  playableAgeMin?: number | null;
  playableAgeMax?: number | null;
  heightCm?: number | null;
  location?: string | null;
  unionStatus?: UnionStatus | null;
  skills?: string[] | null;
  credits?: Credit[] | null;
}

/** The talent's own profile and media locker. */
export interface ProfileService {
  addMedia(talentId: number, data: NewMediaItem): Promise<MediaItem>;
  /** Applies the changes; the caller reads the new profile score once this has committed. */
  updateProfile(talentId: number, changes: ProfileChanges): Promise<void>;
}

const PROFILE_COLUMNS = [
  "bio",
  "gender",
  "playableAgeMin",
  "playableAgeMax",
  "heightCm",
  "location",
  "unionStatus",
] as const;

type ProfileColumnChanges = Partial<Pick<TalentProfile, (typeof PROFILE_COLUMNS)[number]>>;

/** The profile columns that decide which roles match (src/db/sql/role-match.sql.ts). */
const MATCHING_COLUMNS = ["gender", "playableAgeMin", "playableAgeMax", "location", "unionStatus"] as const;

export function createProfileService(db: DataSource, relay: RelayNudge): ProfileService {
  const write = createWriteThenPublish(db, relay);

  return {
    async addMedia(talentId, data) {
      const now = new Date();
      const isPrimary = data.primary === true;
      if (isPrimary && data.kind !== MediaKind.PHOTO) {
        throw new BadUserInputError(`Invalid primary: only a PHOTO can be the headshot, not ${data.kind}`, "primary");
      }
      return write(async (manager) => {
        if (isPrimary) await manager.update(MediaItem, { talentId, isPrimary: true }, { isPrimary: false });
        const { kind, title, bytes, url } = data;
        const item = await manager.save(
          manager.create(MediaItem, { talentId, kind, title, bytes, url, isPrimary, createdAt: now }),
        );
        // The media locker and the profile score changed, but no At a Glance count did.
        return { result: item, events: [] };
      });
    },

    async updateProfile(talentId, changes) {
      const now = new Date();
      const columns: ProfileColumnChanges = {};
      for (const column of PROFILE_COLUMNS) {
        if (changes[column] !== undefined) Object.assign(columns, { [column]: changes[column] });
      }
      const skills = changes.skills == null ? changes.skills : distinctSkills(changes.skills);

      const matchingChanged = MATCHING_COLUMNS.some((column) => changes[column] !== undefined);
      await write(async (manager) => {
        // Before the profile row is locked: the settlement job takes the mark first, then reads profiles.
        const settledThrough = matchingChanged ? await holdSettlementMark(manager) : null;
        // Writing the row first locks it (on MariaDB; SQLite has one writer), so the age
        // range is checked on the merged values while no concurrent update can change them.
        const { affected } = await manager.update(TalentProfile, { talentId }, { ...columns, updatedAt: now });
        if (affected !== 1) throw new DeletedAccountError();
        // The profile, then the user row: addRole locks them in that order too.
        if (matchingChanged) await lockTalentCounts(manager, talentId);
        const stored = await manager.findOneByOrFail(TalentProfile, { talentId });
        requireOrderedRange(stored.playableAgeMin, stored.playableAgeMax, "playableAgeMax", "playableAgeMin");

        if (skills !== undefined) {
          await manager.delete(TalentSkill, { talentId });
          if (skills?.length)
            await manager.insert(
              TalentSkill,
              skills.map((name) => ({ talentId, name })),
            );
        }
        if (changes.credits !== undefined) {
          await manager.delete(TalentCredit, { talentId });
          if (changes.credits?.length) {
            await manager.insert(
              TalentCredit,
              changes.credits.map((credit) => ({
                talentId,
                title: credit.title,
                role: credit.role,
                year: credit.year ?? null,
              })),
            );
          }
        }
        if (settledThrough) await recountTalent(manager, talentId, settledThrough);
        // Gender, age, location and union status decide which roles match.
        return { result: undefined, events: [{ type: "COUNTS_CHANGED", talentIds: [talentId] }] };
      }).catch((error: unknown) => {
        // Two skills the database's collation deems equal though distinctSkills did not.
        throw isUniqueViolation(error)
          ? new BadUserInputError("Invalid skills: must not repeat a skill", "skills")
          : error;
      });
    },
  };
}

/*
 * Skills are unique per talent. MariaDB's utf8mb4_unicode_ci index ignores case
 * and accents; SQLite's compares bytes. Comparing at the same strength here
 * gives both engines the same list: the first spelling of each skill wins.
 */
const skillCollator = new Intl.Collator("en", { sensitivity: "base" });

function distinctSkills(names: string[]): string[] {
  const kept: string[] = [];
  for (const name of names) {
    if (!kept.some((existing) => skillCollator.compare(existing, name) === 0)) kept.push(name);
  }
  return kept;
}
