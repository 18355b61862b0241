/**
 * How many characters a text has, as users see them and as MariaDB's utf8mb4
 * `varchar(n)` counts them: Unicode code points. A JavaScript string's
 * `length` counts UTF-16 units (an emoji is 2), and class-validator's length
 * rules also skip U+FE0F, so neither may bound what a column holds. A letter
 * with a combining accent is two code points, and so two characters here.
 */
export function characterCount(text: string): number {
  let count = 0;
  for (const _codePoint of text) count += 1;
  return count;
}

/** Whether the text has `min` to `max` characters, counting no further than it must. */
export function hasCharacterCountWithin(text: string, min: number, max: number): boolean {
  // Every code point is one or two UTF-16 units.
  if (text.length > 2 * max || text.length < min) return false;
  const count = characterCount(text);
  return count >= min && count <= max;
}

/** The first `count` characters (code points) of a text: never half an emoji, and never a walk past them. */
export function firstCharacters(text: string, count: number): string {
  // Every code point is at least one UTF-16 unit: a text this short has no more than `count`.
  if (text.length <= count) return text;
  let end = 0;
  let taken = 0;
  for (const codePoint of text) {
    if (taken === count) break;
    end += codePoint.length;
    taken += 1;
  }
  return text.slice(0, end);
}
