import DataLoader from "dataloader";
import type { DataSource } from "typeorm";
import { AuditionRequest } from "../../entities/audition-request.entity";
import type { AuditionRequestStatus } from "../../entities/enums";
import { toDate, type SqlDatetime } from "../db/sql/row-values";
import { runSql } from "../db/sql/run-sql";
import { groupedByKey } from "./grouped-by-key";

/** What the API shows of an audition request, and the application it belongs to. */
interface AuditionRequestRow {
  id: number;
  applicationId: number;
  instructions: string | null;
  dueAt: SqlDatetime;
  status: AuditionRequestStatus;
  tapeUrl: string | null;
  createdAt: SqlDatetime;
}

/** Each application's audition requests, newest first. */
export function createAuditionRequestsByApplicationIdLoader(db: DataSource): DataLoader<number, AuditionRequest[]> {
  return new DataLoader(async (applicationIds) => {
    const rows = await runSql<AuditionRequestRow>(
      db,
      `SELECT id, applicationId, instructions, dueAt, status, tapeUrl, createdAt FROM audition_requests
       WHERE applicationId IN (:...applicationIds)
       ORDER BY createdAt DESC, id DESC`,
      { applicationIds },
    );
    const requests = rows.map((row) =>
      Object.assign(new AuditionRequest(), {
        ...row,
        dueAt: toDate(row.dueAt),
        createdAt: toDate(row.createdAt),
      } satisfies Partial<AuditionRequest>),
    );
    return groupedByKey(applicationIds, requests, (request) => request.applicationId);
  });
}
