import type { Config } from "../config";
import { GATEWAY_MANIFEST, loadTrustedDocuments, type TrustedDocuments } from "./manifest";
import { createRegisteredDocuments } from "./registered-documents";
import { createDocumentResolver, type ResolveDocument } from "./resolve-document";

/** The gateway's manifest and the config's extra ones; a bad one throws a ConfigError naming its file. */
export function loadConfiguredTrustedDocuments(config: Config): TrustedDocuments {
  return loadTrustedDocuments([GATEWAY_MANIFEST, ...config.trustedDocuments.extraManifests]);
}

/**
 * The one resolver both transports use, from the config: the manifests
 * (loaded here unless given), the policy, and the bounded cache of automatic
 * persisted queries.
 */
export function createTrustedDocumentsResolver(
  config: Config,
  documents: TrustedDocuments = loadConfiguredTrustedDocuments(config),
): ResolveDocument {
  return createDocumentResolver({
    policy: config.trustedDocuments.policy,
    documents,
    registered: createRegisteredDocuments(config.trustedDocuments.persistedQueryCacheChars),
    maxTokens: config.limits.maxTokens,
  });
}
