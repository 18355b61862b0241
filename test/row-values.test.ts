import { toDate, toNullableDate, toNumber } from "../src/db/sql/row-values";

describe("values of raw rows", () => {
  it("reads SQLite's datetime text as the UTC instant TypeORM wrote", () => {
    expect(toDate("2026-01-02 03:04:05.678").toISOString()).toBe("2026-01-02T03:04:05.678Z");
    expect(toDate("2026-01-02 03:04:05").toISOString()).toBe("2026-01-02T03:04:05.000Z");
  });

  it("keeps a Date from MariaDB, and text that names its zone, as they are", () => {
    const instant = new Date("2026-07-08T09:10:11.012Z");
    expect(toDate(instant)).toBe(instant);
    expect(toDate("2026-07-08T09:10:11.012+02:00").toISOString()).toBe("2026-07-08T07:10:11.012Z");
  });

  it("keeps a null datetime null", () => {
    expect(toNullableDate(null)).toBeNull();
    expect(toNullableDate("2026-01-02 03:04:05.678")).toEqual(new Date("2026-01-02T03:04:05.678Z"));
  });

  it("reads counts and sums whether they come as numbers, bigint strings or decimals", () => {
    expect(toNumber(3)).toBe(3);
    expect(toNumber("12345678901")).toBe(12345678901);
    expect(toNumber("42.0000")).toBe(42);
    expect(toNumber(null)).toBe(0);
  });
});
