import { DEMO_CASTING_DIRECTOR, DEMO_TALENT } from "./demo-accounts";
import type { UserRow } from "./rows";
import { DAY, before } from "./time";

/** The first casting director becomes the demo one: same account, the documented email and name. */
export function shapeDemoCastingDirectorUser(director: UserRow): UserRow {
  return { ...director, email: DEMO_CASTING_DIRECTOR.email, name: DEMO_CASTING_DIRECTOR.name };
}

/**
 * The first talent becomes the demo one: a long-standing member who last
 * looked at their matched roles three days ago, before the demo's newest roles were posted.
 */
export function shapeDemoTalentUser(talent: UserRow, now: Date): UserRow {
  return {
    ...talent,
    email: DEMO_TALENT.email,
    name: DEMO_TALENT.name,
    createdAt: before(now, 400 * DAY),
    rolesMatchedSeenAt: before(now, 3 * DAY),
  };
}
