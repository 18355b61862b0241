import { createHash, createHmac } from "node:crypto";

/*
 * Rows of the dashboard statements to the JSON the gateway answers with: what
 * the gateway's resolvers, scalars and cursor codec do, written out by hand.
 */

type Row = Record<string, unknown>;

/** The gateway's cursor (src/pagination/cursor.ts): base64url JSON, then 12 bytes of HMAC-SHA256. */
export function createCursorSigner(secret: string): (list: string, scope: string, position: number[]) => string {
  const key = createHash("sha256").update(`cursor-signing:${secret}`).digest();
  return (list, scope, position) => {
    const payload = Buffer.from(JSON.stringify([list, ...position])).toString("base64url");
    const signature = createHmac("sha256", key).update(`${scope}\n${payload}`).digest().subarray(0, 12);
    return `${payload}.${signature.toString("base64url")}`;
  };
}

/** The contract's profile score: points per item, in the contract's order. */
const PROFILE_ITEMS: ReadonlyArray<[string, number, (facts: Row) => boolean]> = [
  ["HEADSHOT", 2, (row) => n(row.headshots) > 0],
  ["PHOTOS", 1, (row) => n(row.photos) >= 3],
  ["BIO", 1, (row) => n(row.hasBio) === 1],
  ["PHYSICAL_DETAILS", 1, (row) => n(row.hasPhysicalDetails) === 1],
  ["LOCATION", 1, (row) => n(row.hasLocation) === 1],
  ["SKILLS", 1, (row) => n(row.hasSkills) === 1],
  ["CREDITS", 1, (row) => n(row.hasCredits) === 1],
  ["VIDEO_REEL", 1, (row) => n(row.videos) > 0],
  ["AUDIO_REEL", 1, (row) => n(row.audio) > 0],
];
const MAX_SCORE = PROFILE_ITEMS.reduce((sum, [, points]) => sum + points, 0);
const PREVIEW_LENGTH = 140;

function n(value: unknown): number {
  return value === null || value === undefined ? 0 : Number(value);
}

function iso(value: unknown): string {
  return (value as Date).toISOString();
}

export interface DashboardRows {
  summary: Row;
  applications: Row[];
  messages: Row[];
  views: Row[];
  auditionRequests: Row[];
}

/** The `data` of the contract's Dashboard operation. */
export function dashboardData(
  talentId: number,
  rows: DashboardRows,
  now: Date,
  sign: ReturnType<typeof createCursorSigner>,
): unknown {
  const { summary } = rows;
  const isOpen = (expiresAt: unknown) => (expiresAt as Date).getTime() > now.getTime();
  const byApplication = new Map<number, Row[]>();
  for (const request of rows.auditionRequests) {
    const key = Number(request.applicationId);
    const list = byApplication.get(key);
    if (list) list.push(request);
    else byApplication.set(key, [request]);
  }
  const page = rows.applications.slice(0, 10);
  const edges = page.map((row) => {
    const cursor = sign("applications", `${talentId}:ALL`, [(row.a_updatedAt as Date).getTime(), Number(row.a_id)]);
    return {
      cursor,
      node: {
        id: String(row.a_id),
        status: row.a_status,
        updatedAt: iso(row.a_updatedAt),
        role: {
          id: String(row.a_roleId),
          name: row.r_name,
          production: {
            id: String(row.p_id),
            title: row.p_title,
            isOpen: isOpen(row.p_expiresAt),
            expiresAt: iso(row.p_expiresAt),
            castingDirector: { id: String(row.p_castingDirectorId), name: row.d_name },
          },
        },
        auditionRequests: (byApplication.get(Number(row.a_id)) ?? []).map((request) => ({
          id: String(request.id),
          dueAt: iso(request.dueAt),
          status: request.status,
        })),
      },
    };
  });
  const earned = PROFILE_ITEMS.map(([item, points, has]) => ({ item, points, has: has(summary) }));
  return {
    dashboard: {
      atAGlance: {
        newMessages: n(summary.newMessages),
        newInvitations: n(summary.newInvitations),
        auditionRequests: n(summary.auditionRequests),
        draftApplications: n(summary.draftApplications),
        newRolesMatched: n(summary.newRolesMatched),
      },
      applicationCounts: {
        all: n(summary.allCount),
        invites: n(summary.invitesCount),
        drafts: n(summary.draftsCount),
        active: n(summary.activeCount),
        auditions: n(summary.auditionsCount),
        archived: n(summary.archivedCount),
      },
      applications: {
        totalCount: n(summary.allCount),
        edges,
        pageInfo: { hasNextPage: rows.applications.length > 10, endCursor: edges.at(-1)?.cursor ?? null },
      },
      profile: {
        score: earned.filter((e) => e.has).reduce((sum, e) => sum + e.points, 0),
        maxScore: MAX_SCORE,
        missing: earned.filter((e) => !e.has).map(({ item, points }) => ({ item, points })),
      },
      recentMessages: rows.messages.slice(0, 5).map((row) => ({
        id: String(row.m_id),
        preview: Array.from(row.m_body as string)
          .slice(0, PREVIEW_LENGTH)
          .join(""),
        sentAt: iso(row.m_sentAt),
        unread: row.m_readAt === null,
        sender: { id: String(row.m_senderId), name: row.sender_name },
        production: row.m_productionId === null ? null : { id: String(row.p_id), title: row.p_title },
      })),
      mediaLocker: {
        photos: n(summary.photos),
        videos: n(summary.videos),
        audio: n(summary.audio),
        documents: n(summary.documents),
        bytesUsed: n(summary.bytesUsed),
      },
      recentlyViewedProductions: rows.views.map((row) => ({
        viewedAt: iso(row.v_viewedAt),
        production: { id: String(row.p_id), title: row.p_title, isOpen: isOpen(row.p_expiresAt) },
      })),
    },
  };
}
