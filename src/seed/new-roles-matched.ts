import type { Catalog } from "./catalog";
import { productionOf } from "./catalog";
import type { RoleRow, RowsByTable, TalentProfileRow, UserRow } from "./rows";

/**
 * Each seeded talent's kept newRolesMatched, counted in memory: counting it in
 * SQL would take a query per talent (minutes at 100k talents). The rule is the
 * gateway's (src/db/sql/role-match.sql.ts);
 * test/seed.test.ts checks that both count the same.
 */
export function createNewRolesMatchedCounter(catalog: Catalog, settledThrough: Date) {
  // Roles of productions still open at the mark, oldest first, so each talent's
  // window (posted after their last look) is a suffix found by binary search.
  const roles = catalog.roles
    .filter((role) => productionOf(catalog, role).expiresAt > settledThrough)
    .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  const postedAt = Float64Array.from(roles, (role) => role.createdAt.getTime());
  // Lower-cased once here rather than for every talent that looks at the role.
  const locations = roles.map((role) => role.location?.toLowerCase() ?? null);

  /** Sets `newRolesMatchedCount` on each talent of `talents` from their rows in `rows`. */
  return function countFor(talents: readonly UserRow[], rows: RowsByTable): void {
    const profiles = new Map(rows.talent_profiles.map((profile) => [profile.talentId, profile]));
    const applied = new Map<number, Set<number>>();
    for (const { talentId, roleId } of rows.applications) {
      const roleIds = applied.get(talentId) ?? new Set<number>();
      roleIds.add(roleId);
      applied.set(talentId, roleIds);
    }
    for (const talent of talents) {
      const profile = profiles.get(talent.id);
      if (!profile) continue;
      const roleIds = applied.get(talent.id);
      const location = profile.location?.toLowerCase() ?? null;
      let count = 0;
      for (let i = firstAfter(postedAt, talent.rolesMatchedSeenAt.getTime()); i < roles.length; i++) {
        if (locations[i] !== null && locations[i] !== location) continue;
        if (roleMatchesProfile(roles[i], profile) && !roleIds?.has(roles[i].id)) count++;
      }
      talent.newRolesMatchedCount = count;
    }
  };
}

/** The index of the first time strictly after `time` in the ascending `times`. */
function firstAfter(times: Float64Array, time: number): number {
  let low = 0;
  let high = times.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (times[middle] <= time) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * The contract's matching rule, but for the location (compared by the caller,
 * case-insensitively): every requirement the role sets is met; missing profile data meets none.
 */
function roleMatchesProfile(role: RoleRow, profile: TalentProfileRow): boolean {
  if (role.gender != null && role.gender !== profile.gender) return false;
  if (role.ageMin != null || role.ageMax != null) {
    if (profile.playableAgeMin == null || profile.playableAgeMax == null) return false;
    if (role.ageMax != null && profile.playableAgeMin > role.ageMax) return false;
    if (role.ageMin != null && profile.playableAgeMax < role.ageMin) return false;
  }
  if (role.unionStatus != null && role.unionStatus !== profile.unionStatus) return false;
  return true;
}
