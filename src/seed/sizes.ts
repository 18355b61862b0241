/** How many of each top-level thing the seed creates for a number of talents. */
export interface SeedSizes {
  talents: number;
  castingDirectors: number;
  productions: number;
}

/*
 * About one casting director per 20 talents and one production per 4, with
 * floors so that even a tiny data set has several directors and enough
 * productions for the demo talent's hand-made ones plus some random ones.
 */
export function sizesFor(talents: number): SeedSizes {
  if (!Number.isInteger(talents) || talents < 1) {
    throw new RangeError(`talents must be a whole number of at least 1, got ${talents}`);
  }
  return {
    talents,
    castingDirectors: Math.max(3, Math.round(talents / 20)),
    productions: Math.max(8, Math.round(talents / 4)),
  };
}
