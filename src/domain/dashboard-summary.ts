import type { ApplicationCountsByBucket } from "./application-buckets";
import type { ProfileFacts } from "./profile-score";

/** The five At a Glance counts. */
export interface AtAGlanceCounts {
  newMessages: number;
  newInvitations: number;
  auditionRequests: number;
  draftApplications: number;
  newRolesMatched: number;
}

/** How many media items of each kind the talent has, and the bytes they take. */
export interface MediaTotals {
  photos: number;
  videos: number;
  audio: number;
  documents: number;
  bytesUsed: number;
}

/**
 * Every number on a talent's dashboard. (The matched roles' total is left out:
 * it scans every open role, so it is counted only when asked for.)
 */
export interface DashboardSummary {
  atAGlance: AtAGlanceCounts;
  applicationCounts: ApplicationCountsByBucket;
  profile: ProfileFacts;
  media: MediaTotals;
  /** Messages addressed to the talent: the inbox's totalCount. */
  messages: number;
}
