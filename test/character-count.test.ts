import { characterCount, firstCharacters } from "../src/character-count";

describe("the first characters of a text (message previews)", () => {
  it("counts code points: an emoji straddling the cut is kept whole or left out, never halved", () => {
    const text = `${"a".repeat(139)}🎭🎬 end`;
    expect(firstCharacters(text, 140)).toBe(`${"a".repeat(139)}🎭`);
    expect(firstCharacters(text, 139)).toBe("a".repeat(139));
    expect(characterCount(firstCharacters(text, 141))).toBe(141);
  });

  it("gives Array.from's answer for every cut of a mixed text", () => {
    const text = "Zoë 🎭 e\u0301 👩‍👩‍👧 \u{1F3F3}\u{FE0F} 漢字 𝄞";
    for (let count = 0; count <= characterCount(text) + 2; count++) {
      expect([count, firstCharacters(text, count)]).toEqual([count, Array.from(text).slice(0, count).join("")]);
    }
  });

  it("returns a short text as it is, and nothing for a count of 0", () => {
    expect(firstCharacters("short", 140)).toBe("short");
    expect(firstCharacters("", 140)).toBe("");
    expect(firstCharacters("🎭", 0)).toBe("");
  });
});
