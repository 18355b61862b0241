import type { DataSource } from "typeorm";
import type { RelayNudge } from "../outbox/outbox-relay";
import type { FanOutNudge } from "../role-matches/fan-out-schedule";
import { createApplicationsService, type ApplicationsService } from "./applications.service";
import { createCastingService, type CastingService } from "./casting.service";
import { createDiscoveryService, type DiscoveryService } from "./discovery.service";
import { createMessagingService, type MessagingService } from "./messaging.service";
import { createProfileService, type ProfileService } from "./profile.service";
import { createReviewService, type ReviewService } from "./review.service";

/** Every write of the API, by area; each writes its domain events to the outbox with its commit. */
export interface MutationServices {
  readonly casting: CastingService;
  readonly messaging: MessagingService;
  readonly applications: ApplicationsService;
  readonly profile: ProfileService;
  readonly discovery: DiscoveryService;
  readonly review: ReviewService;
}

export function createMutationServices(db: DataSource, relay: RelayNudge, fanOut: FanOutNudge): MutationServices {
  return {
    casting: createCastingService(db, relay, fanOut),
    messaging: createMessagingService(db, relay),
    applications: createApplicationsService(db, relay),
    profile: createProfileService(db, relay),
    discovery: createDiscoveryService(db, relay),
    review: createReviewService(db, relay),
  };
}
