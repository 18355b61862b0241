/*
 * What a SQL statement is, independent of its spelling: the kind of read and
 * the tables it reads. Whitespace, identifier quotes (`x` on MariaDB, "x" on
 * SQLite), aliases, column lists and the parameter placeholders of either
 * engine (?, $1, or numbers TypeORM wrote inline) do not change the shape.
 */

export type StatementShape =
  /** One row of counts (COUNT/SUM) and no ORDER BY: a summary. */
  | { kind: "counts"; tables: string[] }
  /** ORDER BY … LIMIT: one page of a list. */
  | { kind: "page"; tables: string[] }
  /** WHERE … IN (k1, …, kn): one batch of `keys` keys. */
  | { kind: "batch"; tables: string[]; keys: number }
  | { kind: "other"; tables: string[] };

/** The statement on one line, unquoted, every placeholder and number written `?`. */
export function normalisedSql(sql: string): string {
  return sql
    .replace(/[`"]/g, "")
    .replace(/\$\d+/g, "?")
    .replace(/\b\d+\b/g, "?")
    .replace(/\s+/g, " ")
    .trim();
}

export function statementShape(sql: string): StatementShape {
  const normalised = normalisedSql(sql);
  // (?:FROM|JOIN) without a leading \b: MariaDB's STRAIGHT_JOIN joins too.
  const tables = [
    ...new Set([...normalised.matchAll(/(?:\bFROM|JOIN)\s+([A-Za-z_][A-Za-z0-9_]*)/gi)].map((m) => m[1]!)),
  ];
  tables.sort();
  const batch = /\bIN\s*\(\s*(\?(?:\s*,\s*\?)*)\s*\)/i.exec(normalised);
  if (batch) return { kind: "batch", tables, keys: batch[1]!.split(",").length };
  if (/\bORDER BY\b.*\bLIMIT\b/i.test(normalised)) return { kind: "page", tables };
  if (/\b(COUNT|SUM)\s*\(/i.test(normalised)) return { kind: "counts", tables };
  return { kind: "other", tables };
}
