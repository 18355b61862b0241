import DataLoader from "dataloader";
import type { DataSource } from "typeorm";
import { AuditionRequest } from "../../entities/audition-request.entity";
import type { AuditionRequestStatus } from "../../entities/enums";
import { toDate, toNullableDate, type SqlDatetime } from "../db/sql/row-values";
import { runSql } from "../db/sql/run-sql";
import { groupedByKey } from "./grouped-by-key";

/** Every column of an audition request (a loader holds whole rows: `satisfies` fails when one is left out). */
interface AuditionRequestRow {
  id: number;
  applicationId: number;
  talentId: number;
  castingDirectorId: number;
  instructions: string | null;
  dueAt: SqlDatetime;
  status: AuditionRequestStatus;
  tapeUrl: string | null;
  createdAt: SqlDatetime;
  submittedAt: SqlDatetime | null;
  tapeSeenAt: SqlDatetime | null;
}

/** Each application's audition requests, newest first. */
export function createAuditionRequestsByApplicationIdLoader(db: DataSource): DataLoader<number, AuditionRequest[]> {
  return new DataLoader(async (applicationIds) => {
    const rows = await runSql<AuditionRequestRow>(
      db,
      `SELECT id, applicationId, talentId, castingDirectorId, instructions, dueAt, status, tapeUrl, createdAt,
              submittedAt, tapeSeenAt
       FROM audition_requests
       WHERE applicationId IN (:...applicationIds)
       ORDER BY createdAt DESC, id DESC`,
      { applicationIds },
    );
    const requests = rows.map((row) =>
      Object.assign(new AuditionRequest(), {
        id: Number(row.id),
        applicationId: Number(row.applicationId),
        talentId: Number(row.talentId),
        castingDirectorId: Number(row.castingDirectorId),
        instructions: row.instructions,
        dueAt: toDate(row.dueAt),
        status: row.status,
        tapeUrl: row.tapeUrl,
        createdAt: toDate(row.createdAt),
        submittedAt: toNullableDate(row.submittedAt),
        tapeSeenAt: toNullableDate(row.tapeSeenAt),
      } satisfies Omit<AuditionRequest, "application" | "talent" | "castingDirector">),
    );
    return groupedByKey(applicationIds, requests, (request) => request.applicationId);
  });
}
