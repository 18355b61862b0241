import DataLoader from "dataloader";
import { In, type DataSource } from "typeorm";
import { MediaKind } from "../../entities/enums";
import { MediaItem } from "../../entities/media-item.entity";
import { inKeyOrder } from "./in-key-order";

/** Each talent's headshot (their primary photo), or null when they chose none. */
export function createHeadshotByTalentIdLoader(db: DataSource): DataLoader<number, MediaItem | null> {
  return new DataLoader(async (talentIds) => {
    const rows = await db.getRepository(MediaItem).find({
      where: { talentId: In([...talentIds]), kind: MediaKind.PHOTO, isPrimary: true },
      // Should a talent have two (nothing forbids it in the table), the newest is the one shown.
      order: { createdAt: "ASC", id: "ASC" },
    });
    return inKeyOrder(talentIds, rows, (row) => row.talentId);
  });
}
