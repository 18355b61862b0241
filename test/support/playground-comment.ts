/*
 * The playground's first tab opens with a comment telling how to sign in
 * (playground/src/default-query.graphql). The tests run the operations it
 * shows, exactly as a developer would copy them out of it.
 */

/** The operation the comment shows under `#    <keyword> <name> {` …, without the comment marks. */
export function operationInComment(text: string, keyword: "mutation" | "subscription", name: string): string {
  const lines = text.split("\n").filter((line) => line.startsWith("#"));
  const uncommented = lines.map((line) => line.replace(/^#\s{0,4}/, ""));
  const start = uncommented.findIndex((line) => line.startsWith(`${keyword} ${name} {`));
  if (start < 0) throw new Error(`The comment shows no ${keyword} ${name}`);
  let depth = 0;
  for (let end = start; end < uncommented.length; end += 1) {
    depth += (uncommented[end]!.match(/{/g) ?? []).length - (uncommented[end]!.match(/}/g) ?? []).length;
    if (depth === 0) return uncommented.slice(start, end + 1).join("\n");
  }
  throw new Error(`The comment's ${keyword} ${name} never closes`);
}
