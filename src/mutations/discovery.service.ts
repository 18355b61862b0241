import type { DataSource } from "typeorm";
import { AccountType } from "../../entities/enums";
import { ProductionView } from "../../entities/production-view.entity";
import { Production } from "../../entities/production.entity";
import { User } from "../../entities/user.entity";
import { DeletedAccountError, NotFoundError } from "../errors";
import type { RelayNudge } from "../outbox/outbox-relay";
import { holdSettlementMark } from "../role-matches/kept-counts";
import { parseId } from "./ids";
import { createWriteThenPublish, retryOnceOnUniqueViolation } from "./write-then-publish";

/** What a talent's browsing records: productions viewed, matched roles seen. */
export interface DiscoveryService {
  /** Sets the talent's one view row for the production to now, creating it on the first view. */
  recordProductionView(talentId: number, productionId: string): Promise<ProductionView>;
  /** Moves the talent's "seen" mark to now, so newRolesMatched counts from here; the caller reads the counts. */
  markRolesMatchedSeen(talentId: number): Promise<void>;
}

export function createDiscoveryService(db: DataSource, relay: RelayNudge): DiscoveryService {
  const write = createWriteThenPublish(db, relay);

  return {
    async recordProductionView(talentId, productionId) {
      const id = parseId("Production", productionId);
      // A portable upsert: update, insert when there was nothing to update; when two
      // first views race, the primary key lets one insert and the retry updates it.
      return retryOnceOnUniqueViolation(() => {
        const viewedAt = new Date();
        return write(async (manager) => {
          if (!(await manager.existsBy(Production, { id }))) throw new NotFoundError("Production", productionId);
          const key = { talentId, productionId: id };
          const { affected } = await manager.update(ProductionView, key, { viewedAt });
          if (affected === 0) await manager.insert(ProductionView, { ...key, viewedAt });
          return { result: manager.create(ProductionView, { ...key, viewedAt }), events: [] };
        });
      });
    },

    async markRolesMatchedSeen(talentId) {
      const now = new Date();
      await write(async (manager) => {
        // A change to the talent's kept count: the settlement job must not run beside it.
        await holdSettlementMark(manager);
        const { affected } = await manager.update(
          User,
          { id: talentId, accountType: AccountType.TALENT },
          // Nothing posted so far is new to the talent any more.
          { rolesMatchedSeenAt: now, newRolesMatchedCount: 0 },
        );
        if (affected !== 1) throw new DeletedAccountError();
        return { result: undefined, events: [{ type: "COUNTS_CHANGED", talentIds: [talentId] }] };
      });
    },
  };
}
