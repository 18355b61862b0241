import type { TraceParent } from "../trace-parent";
import { sameCounts, type NotificationCounts } from "./notification-counts";
import { SharedCounts } from "./shared-counts";

/** A talent's At a Glance counts on this instance, with the new-role shortcut. */
export class TalentCounts extends SharedCounts<NotificationCounts> {
  constructor(deps: Omit<ConstructorParameters<typeof SharedCounts<NotificationCounts>>[0], "same">) {
    super({ ...deps, same: sameCounts });
  }

  /**
   * A new open role matches this talent, who has not applied to it yet: only
   * newRolesMatched rises, by one, so no read is needed.
   */
  newRoleMatched(deliveredIn?: TraceParent): void {
    this.adjust((last) => ({ ...last, newRolesMatched: last.newRolesMatched + 1 }), deliveredIn);
  }
}
