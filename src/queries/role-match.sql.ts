/**
 * The contract's matching rule as a SQL condition on a role (`r`) and a talent
 * profile (`tp`): every requirement the role sets must be met, and a requirement
 * the profile has no data for is not met. A role with no requirements matches all.
 * The age requirement is met when the playable range overlaps the role's range.
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

/** Open roles matching the profile `tp` that talent `tp.talentId` has not applied to. */
export const MATCHED_ROLE_CONDITION = `
  p.expiresAt > :now
  AND ${ROLE_MATCHES_PROFILE}
  AND NOT EXISTS (SELECT 1 FROM applications own WHERE own.talentId = tp.talentId AND own.roleId = r.id)`;
