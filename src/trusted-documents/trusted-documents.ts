import type { Config } from "../config";
import { GATEWAY_MANIFEST, loadTrustedDocuments } from "./manifest";
import { createRegisteredDocuments } from "./registered-documents";
import { createDocumentResolver, type ResolveDocument } from "./resolve-document";

/**
 * The one resolver both transports use, from the config: the gateway's manifest
 * and the extra ones (a bad one throws a ConfigError naming its file), the policy,
 * and the bounded cache of automatic persisted queries.
 */
export function createTrustedDocumentsResolver(config: Config): ResolveDocument {
  return createDocumentResolver({
    policy: config.trustedDocuments.policy,
    documents: loadTrustedDocuments([GATEWAY_MANIFEST, ...config.trustedDocuments.extraManifests]),
    registered: createRegisteredDocuments(config.trustedDocuments.persistedQueryCacheChars),
    maxTokens: config.limits.maxTokens,
  });
}
