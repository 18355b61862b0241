/**
 * Documents registered at run time by automatic persisted queries (policy
 * `off` only): hash → text, least recently used out first once the texts
 * together pass `maxChars`. A hash is only ever registered with the text it
 * is the SHA-256 of, so an entry cannot be poisoned, only pushed out.
 */
export interface RegisteredDocuments {
  get(hash: string): string | undefined;
  register(hash: string, text: string): void;
}

export function createRegisteredDocuments(maxChars: number): RegisteredDocuments {
  const texts = new Map<string, string>();
  let chars = 0;
  return {
    get(hash) {
      const text = texts.get(hash);
      if (text !== undefined) {
        // A Map keeps insertion order: moving a hit to the end keeps the oldest first.
        texts.delete(hash);
        texts.set(hash, text);
      }
      return text;
    },
    register(hash, text) {
      if (text.length > maxChars || texts.has(hash)) return;
      texts.set(hash, text);
      chars += text.length;
      for (const [oldest, oldText] of texts) {
        if (chars <= maxChars) break;
        texts.delete(oldest);
        chars -= oldText.length;
      }
    },
  };
}
