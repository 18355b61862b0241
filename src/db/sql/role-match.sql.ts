/*
 * The contract's role matching, as SQL conditions: the one place that says
 * which roles match a talent, shared by the dashboard's reads (matchedRoles,
 * newRolesMatched) and by the writes that keep newRolesMatched counted.
 * Aliases: a role `r`, its production `p`, a talent profile `tp`, and (where a
 * count is kept) the talent's user row `viewer`.
 */

/**
 * Every requirement the role sets is met, and a requirement the profile has no
 * data for is not met. A role with no requirements matches all. The age
 * requirement is met when the playable range overlaps the role's range.
 */
export const ROLE_MATCHES_PROFILE = `
  (r.gender IS NULL OR r.gender = tp.gender)
  AND (
    (r.ageMin IS NULL AND r.ageMax IS NULL)
    OR (
      tp.playableAgeMin IS NOT NULL AND tp.playableAgeMax IS NOT NULL
      AND (r.ageMax IS NULL OR tp.playableAgeMin <= r.ageMax)
      AND (r.ageMin IS NULL OR tp.playableAgeMax >= r.ageMin)
    )
  )
  AND (r.location IS NULL OR LOWER(r.location) = LOWER(tp.location))
  AND (r.unionStatus IS NULL OR r.unionStatus = tp.unionStatus)`;

/** Open roles matching the profile `tp` that talent `tp.talentId` has not applied to (the matchedRoles list). */
export const MATCHED_ROLE_CONDITION = `
  p.expiresAt > :now
  AND ${ROLE_MATCHES_PROFILE}
  AND NOT EXISTS (SELECT 1 FROM applications own WHERE own.talentId = tp.talentId AND own.roleId = r.id)`;

/**
 * Role `r` counts in talent `viewer`'s newRolesMatched (`tp` is the viewer's
 * profile), leaving aside whether its production is still open: it was posted
 * after the talent's last look, it matches the profile, and the talent has not
 * applied to it (nor been invited to it).
 */
export const ROLE_COUNTED_FOR_VIEWER = `
  r.createdAt > viewer.rolesMatchedSeenAt
  AND ${ROLE_MATCHES_PROFILE}
  AND NOT EXISTS (SELECT 1 FROM applications own WHERE own.talentId = viewer.id AND own.roleId = r.id)`;

/**
 * Role `r` is in talent `viewer`'s kept newRolesMatchedCount, if it counts for
 * them at all: its fan-out (src/role-matches/fan-out-chunk.ts) has reached
 * their id. Until then readers count it themselves (NEW_ROLES_MATCHED_COLUMN).
 */
export const ROLE_FANNED_OUT_TO_VIEWER = "r.countedThroughTalentId >= viewer.id";

/**
 * What `viewer.newRolesMatchedCount` must hold: the counted roles of productions
 * that expire after `:settledThrough`, among those fanned out to the talent.
 * Roles are read from IDX_roles_match (every requirement, from the last look
 * on) before their productions, as MariaDB would otherwise start from every
 * open production.
 */
export const KEPT_COUNT_FROM_SCRATCH = `(
  SELECT COUNT(*) FROM talent_profiles tp
  JOIN roles r ON r.createdAt > viewer.rolesMatchedSeenAt
  STRAIGHT_JOIN productions p ON p.id = r.productionId
  WHERE tp.talentId = viewer.id AND p.expiresAt > :settledThrough AND ${ROLE_FANNED_OUT_TO_VIEWER}
    AND ${ROLE_COUNTED_FOR_VIEWER})`;

/**
 * newRolesMatched as the contract defines it, for the talent `viewer` with the
 * profile `tp` (a LEFT JOIN: no profile, nothing matches): the kept count, less
 * the counted roles of productions that expired since the settlement mark, plus
 * the counted open roles whose fan-out has not reached the talent yet. The
 * settlement job keeps the second part down to the last minute's expiries; the
 * third is the few roles being fanned out (found in IDX_roles_fan_out, a range
 * below the talent's id), empty a few seconds after a role is added.
 */
export const NEW_ROLES_MATCHED_COLUMN = `
  viewer.newRolesMatchedCount - (
    SELECT COUNT(*) FROM role_match_settlement s
    JOIN productions p ON p.expiresAt > s.settledThrough AND p.expiresAt <= :now
    JOIN roles r ON r.productionId = p.id
    WHERE s.id = 1 AND tp.talentId = viewer.id AND ${ROLE_FANNED_OUT_TO_VIEWER} AND ${ROLE_COUNTED_FOR_VIEWER}
  ) + (
    SELECT COUNT(*) FROM roles r
    STRAIGHT_JOIN productions p ON p.id = r.productionId
    WHERE r.countedThroughTalentId < viewer.id AND p.expiresAt > :now AND tp.talentId = viewer.id
      AND ${ROLE_COUNTED_FOR_VIEWER}
  )`;
