import type { Config } from "../config";
import { GATEWAY_MANIFEST, loadTrustedDocuments } from "./manifest";
import { createRegisteredDocuments } from "./registered-documents";
import { createDocumentResolver, type ResolveDocument } from "./resolve-document";

/** The trusted documents of the config, for both transports, the executor and the metrics. */
export interface ConfiguredTrustedDocuments {
  /** Which text a request runs, or why it runs nothing (src/trusted-documents/resolve-document.ts). */
  readonly resolveDocument: ResolveDocument;
  /**
   * Whether the text whose SHA-256 (hex) this is is a manifest document as
   * written: what the resolver hands on under `require`, and under `off` a
   * document sent by a manifest hash or in a manifest's exact text.
   */
  readonly isTrusted: (documentKey: string) => boolean;
  /** The manifests' operation names (the metrics always keep them as labels). */
  readonly operationNames: ReadonlySet<string>;
}

/**
 * The one set of trusted documents both transports use, from the config: the
 * gateway's manifest and the config's extra ones (a bad one throws a
 * ConfigError naming its file), the policy, and the bounded cache of automatic
 * persisted queries.
 */
export function createTrustedDocuments(config: Config): ConfiguredTrustedDocuments {
  const documents = loadTrustedDocuments([GATEWAY_MANIFEST, ...config.trustedDocuments.extraManifests]);
  return {
    resolveDocument: createDocumentResolver({
      policy: config.trustedDocuments.policy,
      documents,
      registered: createRegisteredDocuments(config.trustedDocuments.persistedQueryCacheChars),
      maxTokens: config.limits.maxTokens,
    }),
    isTrusted: (documentKey) => documents.byId.has(documentKey),
    operationNames: documents.operationNames,
  };
}
