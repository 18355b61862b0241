import type { BenchTalent } from "../support/talents";

/** The five counts of the contract's NotificationCounts subscription. */
export interface Counts {
  newMessages: number;
  newInvitations: number;
  auditionRequests: number;
  draftApplications: number;
  newRolesMatched: number;
}

/** One counts update as a subscriber saw it; `at` is the subscriber process's clock (epoch ms, sub-ms). */
export interface Arrival {
  talentId: number;
  at: number;
  counts: Counts | null;
  error?: string;
}

/** What the bench tells a subscriber process. */
export type ToSubscribers =
  | { type: "clock"; sentAt: number }
  | {
      type: "connect";
      url: string;
      talents: BenchTalent[];
      localAddresses: string[];
      /** Connections being opened at once. */
      parallel: number;
    }
  | { type: "close" };

/** What a subscriber process tells the bench. */
export type FromSubscribers =
  | { type: "clock"; sentAt: number; now: number }
  | { type: "progress"; connected: number }
  | { type: "connected"; connected: number; failed: number; failures: string[]; ms: number }
  | { type: "arrivals"; arrivals: Arrival[] }
  | { type: "closed" };
