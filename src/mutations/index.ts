import type { DataSource } from "typeorm";
import type { DomainEventPublisher } from "../live/domain-events";
import { createApplicationsService, type ApplicationsService } from "./applications.service";
import { createCastingService, type CastingService } from "./casting.service";
import { createDiscoveryService, type DiscoveryService } from "./discovery.service";
import { createMessagingService, type MessagingService } from "./messaging.service";
import { createProfileService, type ProfileService } from "./profile.service";

/** Every write of the API, by area; each publishes its domain events after its commit. */
export interface MutationServices {
  readonly casting: CastingService;
  readonly messaging: MessagingService;
  readonly applications: ApplicationsService;
  readonly profile: ProfileService;
  readonly discovery: DiscoveryService;
}

export function createMutationServices(db: DataSource, events: DomainEventPublisher): MutationServices {
  return {
    casting: createCastingService(db, events),
    messaging: createMessagingService(db, events),
    applications: createApplicationsService(db, events),
    profile: createProfileService(db, events),
    discovery: createDiscoveryService(db, events),
  };
}
