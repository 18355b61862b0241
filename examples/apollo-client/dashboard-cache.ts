import { InMemoryCache } from "@apollo/client";
import { relayStylePagination } from "@apollo/client/utilities";

/**
 * Apollo's normalised cache, on its defaults: every type the dashboard shows
 * has an `id`, so each object is cached once as `__typename:id`, and what a
 * subscription pushes or another query fetches under `dashboard` merges into
 * it. No `keyFields` are needed (the gateway's ids suffice); the one policy is
 * how pages of messages add up.
 */
export function createDashboardCache(): InMemoryCache {
  return new InMemoryCache({
    typePolicies: {
      TalentDashboard: {
        fields: {
          // One list of messages however it was fetched: the Dashboard's first page,
          // then each MoreMessages page appended after the cursor it was asked `after`.
          messages: relayStylePagination(),
        },
      },
    },
  });
}
