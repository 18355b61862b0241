import { DEMO_TALENT } from "./demo-accounts";
import type { UserRow } from "./rows";
import { DAY, before } from "./time";

/**
 * The demo talent's account: a long-standing member who last looked at their
 * matched roles three days ago, before the demo's newest roles were posted.
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
