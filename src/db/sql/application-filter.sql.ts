import { ApplicationFilter } from "../../../entities/enums";

/**
 * Each application filter as a SQL condition on an application (`a`) and its
 * production (`p`), shared by the lists and by their counts so the two agree.
 */
export const APPLICATION_FILTER_CONDITION: Record<ApplicationFilter, string> = {
  [ApplicationFilter.ALL]: "1 = 1",
  [ApplicationFilter.INVITES]: "a.status = 'INVITED'",
  [ApplicationFilter.DRAFTS]: "a.status = 'DRAFT'",
  [ApplicationFilter.ACTIVE]: "a.status = 'SUBMITTED' AND p.expiresAt > :now",
  [ApplicationFilter.AUDITIONS]: "EXISTS (SELECT 1 FROM audition_requests ar WHERE ar.applicationId = a.id)",
  [ApplicationFilter.ARCHIVED]: "p.expiresAt <= :now",
};
