import { ApplicationFilter } from "../../entities/enums";

/**
 * The six buckets of a talent's applications, as the contract names them: each
 * filter of `dashboard.applications` and its field in `applicationCounts`.
 */
export const APPLICATION_BUCKETS = {
  [ApplicationFilter.ALL]: "all",
  [ApplicationFilter.INVITES]: "invites",
  [ApplicationFilter.DRAFTS]: "drafts",
  [ApplicationFilter.ACTIVE]: "active",
  [ApplicationFilter.AUDITIONS]: "auditions",
  [ApplicationFilter.ARCHIVED]: "archived",
} as const satisfies Record<ApplicationFilter, string>;

export type ApplicationBucket = (typeof APPLICATION_BUCKETS)[ApplicationFilter];

/** The size of each bucket: the shape of `applicationCounts`. */
export type ApplicationCountsByBucket = Record<ApplicationBucket, number>;

/** The filters in the contract's order. */
export const APPLICATION_FILTERS = Object.keys(APPLICATION_BUCKETS) as ApplicationFilter[];
