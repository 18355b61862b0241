import DataLoader from "dataloader";
import type { DataSource } from "typeorm";
import { AccountType, type Gender, type UnionStatus } from "../../entities/enums";
import { runSql } from "../db/sql/run-sql";
import { inKeyOrder } from "./in-key-order";

/**
 * What anyone who may see a talent's application is shown of the talent: a
 * type of its own, never the email, the kept counts or anything the profile
 * score is made of beyond the details themselves.
 */
export interface TalentPublicProfileRow {
  talentId: number;
  name: string;
  bio: string | null;
  gender: Gender | null;
  playableAgeMin: number | null;
  playableAgeMax: number | null;
  heightCm: number | null;
  location: string | null;
  unionStatus: UnionStatus | null;
}

const nullableNumber = (value: unknown) => (value === null || value === undefined ? null : Number(value));

/** Talents' public profiles by user id; null for an id that is not a talent's. */
export function createTalentPublicProfileByTalentIdLoader(
  db: DataSource,
): DataLoader<number, TalentPublicProfileRow | null> {
  return new DataLoader(async (talentIds) => {
    const rows = await runSql<Record<string, unknown>>(
      db,
      `SELECT u.id AS talentId, u.name AS name, tp.bio AS bio, tp.gender AS gender,
              tp.playableAgeMin AS playableAgeMin, tp.playableAgeMax AS playableAgeMax, tp.heightCm AS heightCm,
              tp.location AS location, tp.unionStatus AS unionStatus
       FROM users u LEFT JOIN talent_profiles tp ON tp.talentId = u.id
       WHERE u.id IN (:...talentIds) AND u.accountType = :talent`,
      { talentIds: [...talentIds], talent: AccountType.TALENT },
    );
    const profiles = rows.map((row): TalentPublicProfileRow => ({
      talentId: Number(row.talentId),
      name: String(row.name),
      bio: (row.bio as string | null) ?? null,
      gender: (row.gender as Gender | null) ?? null,
      playableAgeMin: nullableNumber(row.playableAgeMin),
      playableAgeMax: nullableNumber(row.playableAgeMax),
      heightCm: nullableNumber(row.heightCm),
      location: (row.location as string | null) ?? null,
      unionStatus: (row.unionStatus as UnionStatus | null) ?? null,
    }));
    return inKeyOrder(talentIds, profiles, (profile) => profile.talentId);
  });
}
